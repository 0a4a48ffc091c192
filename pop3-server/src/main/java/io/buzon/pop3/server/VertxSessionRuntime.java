package io.buzon.pop3.server;

import io.buzon.pop3.session.SessionRuntime;
import io.vertx.core.Context;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Blocking work on Vert.x worker threads, results and timers back on the connection's event loop. */
final class VertxSessionRuntime implements SessionRuntime {

    private final Context context;

    VertxSessionRuntime(Context context) {
        this.context = context;
    }

    @Override
    public <T> CompletionStage<T> runBlocking(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.<T>executeBlocking(work::call, false).onComplete(outcome -> {
            if (outcome.succeeded()) {
                result.complete(outcome.result());
            } else {
                result.completeExceptionally(outcome.cause());
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Void> delay(Duration duration) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (duration.isZero() || duration.isNegative()) {
            context.runOnContext(ignored -> result.complete(null));
        } else {
            context.runOnContext(ignored -> context.owner().setTimer(Math.max(1, duration.toMillis()),
                    timer -> result.complete(null)));
        }
        return result;
    }
}
