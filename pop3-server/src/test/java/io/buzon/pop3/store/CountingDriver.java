package io.buzon.pop3.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver behind a proxy that records every statement executed on a thread that asked for
 * it (Hibernate's and plain JDBC alike), so a test can count the round trips of an operation while
 * background work on other threads (lease heartbeats, sweeps) stays out of the count.
 */
public final class CountingDriver implements Driver {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    private final Driver delegate = new org.postgresql.Driver();

    /** Starts recording the statements this thread executes. */
    public static void startRecording() {
        RECORDING.set(new ArrayList<>());
    }

    /** Stops recording and returns the SQL executed since {@link #startRecording()}, in order. */
    public static List<String> stopRecording() {
        List<String> statements = RECORDING.get();
        RECORDING.remove();
        return statements == null ? List.of() : statements;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = delegate.connect(url, info);
        return connection == null ? null : proxy(Connection.class, connection, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, String sql) {
        InvocationHandler handler = (p, method, args) -> invoke(target, method, args, sql);
        return (T) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), interfacesOf(target, type), handler);
    }

    private static Class<?>[] interfacesOf(Object target, Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers()) && !all.contains(i)) {
                    all.add(i);
                }
            }
        }
        if (!all.contains(type)) {
            all.add(type);
        }
        return all.toArray(Class<?>[]::new);
    }

    private static Object invoke(Object target, Method method, Object[] args, String sql) throws Throwable {
        String name = method.getName();
        if (name.startsWith("execute")) {
            record(args != null && args.length > 0 && args[0] instanceof String s ? s : sql);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Statement && !(result instanceof Proxy)) {
            String text = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
            return proxy(method.getReturnType(), result, text);
        }
        return result;
    }

    private static void record(String sql) {
        List<String> statements = RECORDING.get();
        if (statements != null) {
            statements.add(sql == null ? "?" : sql);
        }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return delegate.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegate.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return delegate.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return delegate.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return delegate.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }
}
