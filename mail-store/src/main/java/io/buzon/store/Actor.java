package io.buzon.store;

import java.util.Objects;

/**
 * Who asks the store for a change, and from where: every change the store makes on someone's behalf takes
 * one, and writes it into the audit record that commits with the change.
 *
 * @param kind          an administrator, an API caller, a mailbox user on the self-service pages, or the
 *                      platform itself (scheduler, demo seed, import, command line)
 * @param name          the admin user name, API token name, mailbox login, or the system job's name
 * @param sourceAddress the client's address; null for system work
 */
public record Actor(Kind kind, String name, String sourceAddress) {

    /** What sort of caller an actor is. */
    public enum Kind { ADMIN, API, MAILBOX, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    public static Actor admin(String username, String sourceAddress) {
        return new Actor(Kind.ADMIN, username, sourceAddress);
    }

    public static Actor api(String caller, String sourceAddress) {
        return new Actor(Kind.API, caller, sourceAddress);
    }

    public static Actor mailbox(String login, String sourceAddress) {
        return new Actor(Kind.MAILBOX, login, sourceAddress);
    }

    /** The platform acting on its own, e.g. {@code system("scheduler")}. */
    public static Actor system(String job) {
        return new Actor(Kind.SYSTEM, job, null);
    }

    /** How the actor reads in the audit log: the admin's or user's name, {@code api:<caller>}, or the job. */
    public String auditName() {
        return kind == Kind.API ? "api:" + name : name;
    }
}
