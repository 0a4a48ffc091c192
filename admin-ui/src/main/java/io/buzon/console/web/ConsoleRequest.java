package io.buzon.console.web;

import io.buzon.store.Actor;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.websession.WebSession;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.Locale;

/**
 * What the guard learned about the current request: the session, the admin (or mailbox user), the
 * CSRF token forms must echo, and the language. Templates read it as {@code inject:ctx}.
 */
@RequestScoped
@Named("ctx")
public class ConsoleRequest {

    WebSession session;
    ConsoleAdmin admin;
    Locale locale = Locale.ENGLISH;
    String path = "/";
    String sourceAddress;
    String preLoginCsrf;
    boolean secure;
    String sessionCookie;
    String apiCaller;

    /** Filled in by {@link ConsoleGuard} (through the CDI proxy, hence a method and not field writes). */
    void init(String path, boolean secure, String sourceAddress, Locale locale, String preLoginCsrf, String sessionCookie) {
        this.path = path;
        this.secure = secure;
        this.sourceAddress = sourceAddress;
        this.locale = locale;
        this.preLoginCsrf = preLoginCsrf;
        this.sessionCookie = sessionCookie;
    }

    /** For /api/v1 requests: who the bearer token belongs to. */
    public void initApi(String path, String caller, String sourceAddress) {
        this.path = path;
        this.apiCaller = caller;
        this.sourceAddress = sourceAddress;
    }

    void setSession(WebSession session) {
        this.session = session;
    }

    void setAdmin(ConsoleAdmin admin) {
        this.admin = admin;
    }

    String preLoginCsrf() {
        return preLoginCsrf;
    }

    void setPreLoginCsrf(String token) {
        this.preLoginCsrf = token;
    }

    String sessionCookie() {
        return sessionCookie;
    }

    public WebSession session() {
        return session;
    }

    public ConsoleAdmin admin() {
        return admin;
    }

    public boolean isSuperAdmin() {
        return admin != null && admin.isSuperAdmin();
    }

    public String getAdminName() {
        return admin == null ? "" : admin.username();
    }

    public String getMailbox() {
        return session == null ? "" : session.subject();
    }

    public boolean getSuperAdmin() {
        return isSuperAdmin();
    }

    /** The token every form posts back as {@code _csrf}. */
    public String getCsrf() {
        return session != null ? session.csrfToken() : preLoginCsrf;
    }

    public String getLang() {
        return locale.getLanguage();
    }

    public Locale locale() {
        return locale;
    }

    public String getPath() {
        return path;
    }

    /** The page in the request's language. */
    public TemplateInstance render(TemplateInstance page) {
        return page.setLocale(locale);
    }

    /** True when the navigation entry for {@code prefix} should be highlighted. */
    public boolean active(String prefix) {
        return "/console".equals(prefix) ? "/console".equals(path) || "/console/".equals(path) : path.startsWith(prefix);
    }

    /** Whether the request came over HTTPS: cookies then carry the Secure flag. */
    public boolean secure() {
        return secure;
    }

    /** Refuses (403) unless the current admin is a super admin. */
    public void requireSuperAdmin() {
        if (!isSuperAdmin()) {
            throw new io.buzon.console.ConsoleException(403, "error_forbidden");
        }
    }

    /** Refuses (403) unless the current admin may manage {@code domain}. */
    public void requireDomain(String domain) {
        if (admin == null || !admin.mayManage(domain)) {
            throw new io.buzon.console.ConsoleException(403, "error_forbidden");
        }
    }

    /** A confirmation key passed through a redirect, if it names a known text. */
    public String notice(String key) {
        return key != null && key.startsWith("done_") && !MessageText.english(key).equals(key) ? key : null;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    /** Who is asking, for the store's audit records: the API caller, the admin, or the mailbox user. */
    public Actor actor() {
        if (apiCaller != null) {
            return Actor.api(apiCaller, sourceAddress);
        }
        if (admin != null) {
            return Actor.admin(admin.username(), sourceAddress);
        }
        if (session != null) {
            return Actor.mailbox(session.subject(), sourceAddress);
        }
        return new Actor(Actor.Kind.ADMIN, "anonymous", sourceAddress);
    }
}
