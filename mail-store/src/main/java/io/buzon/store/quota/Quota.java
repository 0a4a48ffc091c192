package io.buzon.store.quota;

/**
 * An effective quota; {@code null} means unlimited.
 */
public record Quota(Long bytes, Long messages) {

    /** True when {@code usage} plus a message of {@code size} octets still fits. */
    public boolean allows(Usage usage, long size) {
        return (bytes == null || usage.bytes() + size <= bytes)
                && (messages == null || usage.messages() + 1 <= messages);
    }
}
