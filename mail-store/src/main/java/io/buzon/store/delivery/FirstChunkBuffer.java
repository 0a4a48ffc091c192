package io.buzon.store.delivery;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Holds a body in memory while it fits in one chunk, so that most messages are staged in a single
 * transaction; the moment it grows past one chunk, the buffered bytes and everything after them go to
 * the stream that {@code spill} opens (the chunked upload), with exactly the chunk layout that upload
 * would have produced on its own. Memory stays bounded by one chunk either way.
 */
final class FirstChunkBuffer extends OutputStream {

    private final int chunkSize;
    private final Supplier<OutputStream> spill;
    private byte[] buffer = new byte[1024];
    private int used;
    private OutputStream spilled;

    FirstChunkBuffer(int chunkSize, Supplier<OutputStream> spill) {
        this.chunkSize = chunkSize;
        this.spill = spill;
    }

    @Override
    public void write(int b) throws java.io.IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
        if (spilled != null) {
            spilled.write(bytes, off, len);
            return;
        }
        if (used + len > chunkSize) {
            spilled = spill.get();
            spilled.write(buffer, 0, used);
            buffer = null;
            spilled.write(bytes, off, len);
            return;
        }
        if (used + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(chunkSize, Math.max(used + len, buffer.length * 2)));
        }
        System.arraycopy(bytes, off, buffer, used, len);
        used += len;
    }

    /** True when the body outgrew one chunk and went to the chunked upload. */
    boolean spilled() {
        return spilled != null;
    }

    /** The whole body, when it was not spilled. */
    byte[] bytes() {
        if (spilled != null) {
            throw new IllegalStateException("the body was spilled to the chunked upload");
        }
        return Arrays.copyOf(buffer, used);
    }
}
