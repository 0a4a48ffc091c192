package io.buzon.pop3.backend;

/**
 * The outcome of a login attempt. {@code reason} is for the server log, never for the client: the client
 * only learns "invalid" or "not allowed", so nobody can probe which accounts exist. The one exception is
 * TWO_FACTOR_REQUIRED, which only a right main password earns: the client is told to use an app password.
 */
public record AuthResult(AuthStatus status, long accountId, String login, String reason) {

    public enum AuthStatus { SUCCESS, INVALID, DISABLED, LOCKED, EXPIRED, TWO_FACTOR_REQUIRED }

    public static AuthResult success(long accountId, String login) {
        return new AuthResult(AuthStatus.SUCCESS, accountId, login, "");
    }

    public static AuthResult invalid(String reason) {
        return new AuthResult(AuthStatus.INVALID, -1, null, reason);
    }

    public static AuthResult refused(AuthStatus status, String reason) {
        return new AuthResult(status, -1, null, reason);
    }

    public boolean succeeded() {
        return status == AuthStatus.SUCCESS;
    }
}
