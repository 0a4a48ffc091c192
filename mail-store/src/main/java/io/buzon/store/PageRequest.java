package io.buzon.store;

/**
 * A page of a listing: zero-based {@code index} and {@code size} (1..500).
 */
public record PageRequest(int index, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (index < 0) {
            throw new ValidationException("page index must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ValidationException("page size must be between 1 and " + MAX_SIZE);
        }
    }

    /** The first page of the given size. */
    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** Rows to skip: {@code index * size}. */
    public long offset() {
        return (long) index * size;
    }
}
