package io.buzon.pop3.session;

/** What a session reports for metrics. All methods are called on the session's thread. */
public interface SessionListener {

    SessionListener NONE = new SessionListener() {
    };

    default void command(String verb) {
    }

    default void login(String outcome) {
    }

    default void lockRefused() {
    }

    default void bytesSent(long octets) {
    }

    /**
     * Releasing a lease failed (database unreachable). The server retries, because its instance-wide
     * heartbeat would otherwise keep the orphaned lease alive. May be called from a worker thread.
     */
    default void releaseFailed(io.buzon.pop3.backend.MaildropLock lock) {
    }
}
