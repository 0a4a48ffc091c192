package io.buzon.pop3.backend;

/**
 * The octets of one message as RETR sends them before byte-stuffing, in pieces. A piece that is already in
 * memory is handed out without blocking, so the writer can send it from the event loop; only a piece that
 * needs the store costs a worker hop. A message of one stored chunk (most mail) therefore costs one hop:
 * the one that opened it.
 *
 * <p>Not thread-safe: one retrieval at a time, and the writer never calls two methods at once.
 */
public interface MessageSource {

    /** The next piece if it is in memory, else {@code null} (which does not mean the end). Never blocks. */
    byte[] nextIfLoaded();

    /** The next piece, reading the store when needed (call on a worker thread); {@code null} at the end. */
    byte[] next();

    /** True when it is known without I/O that no octets remain. */
    boolean finished();
}
