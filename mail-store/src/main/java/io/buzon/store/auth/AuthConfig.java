package io.buzon.store.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** {@code buzon.auth.*}; every key and default is listed in docs/PASSWORDS.md. */
@ConfigMapping(prefix = "buzon.auth")
public interface AuthConfig {

    /**
     * Services that are mail clients: when an account has two-factor on, only its app passwords
     * authenticate these. Other services (the console) accept the main password and ask for a code.
     */
    @WithDefault("pop3")
    Set<String> mailServices();

    AddressLockout addressLockout();

    NameLockout nameLockout();

    /**
     * How long an address a name signed in from counts as one of the owner's usual addresses, which stay
     * open while the name is under attack from elsewhere ({@code buzon.auth.usual-address-memory}).
     */
    @WithDefault("30D")
    Duration usualAddressMemory();

    AppPasswords appPasswords();

    TwoFactor totp();

    FailureSweep failureSweep();

    VerifiedCache cache();

    /** Logins remembered after a full hash verification; see docs/PASSWORDS.md for what is kept. */
    interface VerifiedCache {
        /** Entries kept at most (least recently used out first); 0 = off. */
        @WithDefault("10000")
        int maxEntries();

        /** How long after its verification an entry is trusted; 0 = off. */
        @WithDefault("5M")
        Duration ttl();
    }

    /** Lockout per remote address, independent of the login tried (password spraying). */
    interface AddressLockout {
        /** Failures from one address within the window that lock the address; 0 = off. */
        @WithDefault("50")
        int threshold();

        @WithDefault("15M")
        Duration window();

        @WithDefault("15M")
        Duration duration();
    }

    /**
     * A name tried from many addresses (a distributed attack): past this many failures within the policy's
     * lockout window, the name is refused from every address but its usual ones for the policy's lockout
     * duration. One address alone locks only itself (the policy's threshold per name and address).
     */
    interface NameLockout {
        /** Failures of one name from all addresses together; 0 = off. */
        @WithDefault("50")
        int threshold();
    }

    /** Removal of failed-login counters whose window and lockout are long over (table auth_failure). */
    interface FailureSweep {
        /** How often each instance sweeps; 0 = never. */
        @WithDefault("10M")
        Duration interval();

        /** Counters untouched for this long are removed; keep it above every lockout window in use. */
        @WithDefault("24H")
        Duration keep();
    }

    interface AppPasswords {
        @WithDefault("20")
        int maxPerAccount();
    }

    interface TwoFactor {
        /** Shown by authenticator apps next to the code. */
        @WithDefault("Buzón")
        String issuer();

        /** 30-second steps accepted either side of now, for clock drift. */
        @WithDefault("1")
        int allowedDrift();
    }
}
