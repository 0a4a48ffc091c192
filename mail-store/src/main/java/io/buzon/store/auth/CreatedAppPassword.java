package io.buzon.store.auth;

/**
 * A new app password and its secret, shown to the user exactly once, formatted as four groups of
 * four letters ("abcd efgh ijkl mnop"); clients may send it with or without the spaces.
 */
public record CreatedAppPassword(AppPassword appPassword, String secret) {

    @Override
    public String toString() {
        return "CreatedAppPassword[" + appPassword + ", secret=****]";
    }
}
