package io.buzon.store.jdbc;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Translates database failures of {@link StoreOperation} services into the store's one failure type.
 * Its priority puts it outside the transaction interceptor ({@code PLATFORM_BEFORE + 200}), so an exception
 * thrown by the commit itself passes through here.
 */
@StoreOperation
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class StoreOperationInterceptor {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            throw StoreFailures.asStoreFailure(operation(invocation), e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    private static String operation(InvocationContext invocation) {
        return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
    }
}
