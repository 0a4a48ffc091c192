package io.buzon.store.admin;

/** What an administrator may do: everything, or only the domains assigned to them. */
public enum AdminRole {
    SUPER_ADMIN,
    DOMAIN_ADMIN
}
