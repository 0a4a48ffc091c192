package io.buzon.store.retention;

/** One row of {@code retention_rule}; a null field inherits from the level above. */
public record RetentionOverrides(Integer deleteAfterRetrievalDays, Integer deleteOlderThanDays,
                                 Integer loginDelaySeconds) {

    public static final RetentionOverrides NONE = new RetentionOverrides(null, null, null);

    public RetentionRule applyTo(RetentionRule base) {
        return new RetentionRule(
                deleteAfterRetrievalDays != null ? deleteAfterRetrievalDays : base.deleteAfterRetrievalDays(),
                deleteOlderThanDays != null ? deleteOlderThanDays : base.deleteOlderThanDays(),
                loginDelaySeconds != null ? loginDelaySeconds : base.loginDelaySeconds());
    }
}
