package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.admin.AdminService;
import io.buzon.store.admin.ConsoleAdmin;
import io.buzon.store.domain.Domain;
import io.buzon.store.domain.DomainService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Optional;

/** Console administrators for tests, granted domains by name as a super admin would pick them. */
@ApplicationScoped
public class TestAdmins {

    @Inject
    AdminService admins;

    @Inject
    DomainService domains;

    /** Creates an admin; every named domain must exist. */
    public ConsoleAdmin create(String username, String password, AdminRole role, Collection<String> domainNames) {
        return admins.create(Actor.system("test"), username, password, role,
                domainNames.stream().map(n -> domains.find(n).map(Domain::id)
                        .orElseThrow(() -> new IllegalArgumentException("no domain " + n))).toList());
    }

    public Optional<ConsoleAdmin> findByUsername(String username) {
        return admins.findByUsername(username);
    }
}
