package io.buzon.lmtp;

import io.buzon.lmtp.LmtpBackend.BodySink;
import io.buzon.lmtp.LmtpBackend.StagedBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Bridges the event loop, which pushes body chunks as they arrive, and a store that pulls the body from an
 * {@link InputStream} on a worker thread. At most {@code highWater} bytes wait in between: beyond that,
 * {@link #write} returns a stage that completes only when the worker has caught up, and the session stops
 * reading the socket until then. The event loop never blocks; only the worker waits, in {@link Body#read}.
 */
public final class PipedBodySink implements BodySink {

    /** Stores a body read from a stream; runs on a worker thread and may block. */
    @FunctionalInterface
    public interface Stager {
        StagedBody stage(InputStream body) throws Exception;
    }

    private static final byte[] END = new byte[0];

    private final long highWater;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final CompletableFuture<StagedBody> staged = new CompletableFuture<>();
    private long queuedBytes;
    private boolean aborted;
    private CompletableFuture<Void> drained;

    public PipedBodySink(Executor worker, Stager stager, long highWater) {
        this.highWater = highWater;
        Body body = new Body();
        worker.execute(() -> {
            try {
                staged.complete(stager.stage(body));
            } catch (Throwable t) {
                staged.completeExceptionally(t);
                synchronized (this) {
                    aborted = true;
                    queue.clear();
                    queuedBytes = 0;
                    wakeWriter();
                    notifyAll();
                }
            }
        });
    }

    @Override
    public synchronized CompletionStage<Void> write(byte[] data, int length) {
        if (aborted) {
            return staged.isCompletedExceptionally()
                    ? staged.thenApply(ignored -> (Void) null)
                    : CompletableFuture.failedFuture(new IOException("body aborted"));
        }
        byte[] chunk = length == data.length ? data : java.util.Arrays.copyOf(data, length);
        queue.addLast(chunk);
        queuedBytes += length;
        notifyAll();
        if (queuedBytes <= highWater) {
            return CompletableFuture.completedFuture(null);
        }
        drained = new CompletableFuture<>();
        return drained;
    }

    @Override
    public CompletionStage<StagedBody> finish() {
        synchronized (this) {
            if (!aborted) {
                queue.addLast(END);
                notifyAll();
            }
        }
        return staged;
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
        // A stager that already returned holds staged content nobody will deliver: let it go.
        staged.thenAccept(body -> {
            if (body instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // releasing unused staged content is best effort; the store collects orphans
                }
            }
        });
    }

    private void wakeWriter() {
        if (drained != null && queuedBytes <= highWater / 2) {
            CompletableFuture<Void> d = drained;
            drained = null;
            d.complete(null);
        }
    }

    /** The stream the stager reads; blocks its worker thread until the event loop supplies bytes. */
    private final class Body extends InputStream {
        private byte[] current;
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (ended) {
                return -1;
            }
            if (current == null || pos == current.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean next() throws IOException {
            synchronized (PipedBodySink.this) {
                while (queue.isEmpty() && !aborted) {
                    try {
                        PipedBodySink.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the message body", e);
                    }
                }
                if (aborted) {
                    throw new IOException("message body aborted");
                }
                byte[] chunk = queue.removeFirst();
                queuedBytes -= chunk.length;
                wakeWriter();
                if (chunk == END) {
                    ended = true;
                    current = null;
                    return false;
                }
                current = chunk;
                pos = 0;
                return true;
            }
        }
    }
}
