package io.buzon.store;

import java.util.List;

/**
 * One page of results plus the total number of matching rows.
 */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
    }

    public int pageCount() {
        return (int) ((total + request.size() - 1) / request.size());
    }

    public boolean hasNext() {
        return (long) (request.index() + 1) * request.size() < total;
    }
}
