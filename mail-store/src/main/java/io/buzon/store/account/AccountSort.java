package io.buzon.store.account;

/** Order of an account listing; ties are broken by id. */
public record AccountSort(Field field, boolean descending) {

    public enum Field {
        LOGIN("login"), DISPLAY_NAME("displayName"), CREATED_AT("createdAt"), USED_BYTES("usedBytes");

        final String property;

        Field(String property) {
            this.property = property;
        }
    }

    /** By login, A to Z. */
    public static AccountSort byLogin() {
        return new AccountSort(Field.LOGIN, false);
    }
}
