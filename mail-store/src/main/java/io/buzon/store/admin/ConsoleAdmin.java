package io.buzon.store.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An administrator of the console (not a mailbox user), as the console sees it: never the password hash
 * or the TOTP secret.
 *
 * @param domains the domains a domain admin manages, id to name, ordered by name; empty for super admins
 */
public record ConsoleAdmin(long id, String username, AdminRole role, boolean enabled, boolean hasTotp,
                           OffsetDateTime createdAt, OffsetDateTime lastLoginAt, Map<Long, String> domains) {

    public ConsoleAdmin {
        domains = Map.copyOf(domains);
    }

    public boolean isSuperAdmin() {
        return role == AdminRole.SUPER_ADMIN;
    }

    /** The managed domains' names in order, for display. */
    public List<String> domainNames() {
        return domains.values().stream().sorted().toList();
    }

    public Set<Long> domainIds() {
        return domains.keySet();
    }

    /** Whether this admin may see and change the named domain (case-insensitive). */
    public boolean mayManage(String domain) {
        return isSuperAdmin() || (domain != null && domains.containsValue(domain.toLowerCase(Locale.ROOT)));
    }

    /** Whether this admin may see and change the domain with this id. */
    public boolean mayManage(long domainId) {
        return isSuperAdmin() || domains.containsKey(domainId);
    }
}
