package io.buzon.store;

import java.util.List;

/**
 * One page of results plus the total number of matching rows.
 */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
    }

    /** Number of pages at this page size (0 when nothing matched). */
    public int pageCount() {
        return (int) ((total + request.size() - 1) / request.size());
    }

    /** True when a later page has items. */
    public boolean hasNext() {
        return (long) (request.index() + 1) * request.size() < total;
    }
}
