package io.buzon.console;

/** Quota fields as people type them: MiB for sizes, a count for messages, blank for unlimited. */
public final class Quotas {

    private static final long MIB = 1024L * 1024L;
    private static final long MAX_MIB = 1L << 40;

    private Quotas() {
    }

    /** "512" → 536870912; "" → null (unlimited); anything else → refusal with a message key. */
    public static Long mibToBytes(String field) {
        Long mib = count(field, "error_quota_size");
        if (mib != null && mib > MAX_MIB) {
            throw new ConsoleException("error_quota_size");
        }
        return mib == null ? null : mib * MIB;
    }

    public static Long messages(String field) {
        return count(field, "error_quota_messages");
    }

    /** Bytes shown back in a MiB field (rounded down); blank for unlimited. */
    public static String bytesToMib(Long bytes) {
        return bytes == null ? "" : Long.toString(bytes / MIB);
    }

    private static Long count(String field, String errorKey) {
        if (field == null || field.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(field.trim());
            if (v < 0) {
                throw new ConsoleException(errorKey);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConsoleException(errorKey);
        }
    }
}
