package io.buzon.pop3.session;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * How the session gets work done off its own thread. On Vert.x: blocking work on a worker thread with
 * the result delivered back on the connection's event loop; delays on event-loop timers.
 */
public interface SessionRuntime {

    <T> CompletionStage<T> runBlocking(Callable<T> work);

    CompletionStage<Void> delay(Duration duration);
}
