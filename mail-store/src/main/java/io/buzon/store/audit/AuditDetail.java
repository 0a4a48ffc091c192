package io.buzon.store.audit;

import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;

/** Audit details people can read: the fields a change set, as {@code name=value}, leaving out the unset ones. */
public final class AuditDetail {

    private AuditDetail() {
    }

    /** {@code minLength=12 rejectCommon=true} for a record whose other components are null. */
    public static String of(Record values) {
        StringJoiner out = new StringJoiner(" ");
        for (RecordComponent c : values.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("unreadable record component " + c.getName(), e);
            }
            if (v != null) {
                out.add(c.getName() + "=" + v);
            }
        }
        String text = out.toString();
        return text.isEmpty() ? "all inherited" : text;
    }
}
