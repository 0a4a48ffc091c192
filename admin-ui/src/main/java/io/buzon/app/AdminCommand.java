package io.buzon.app;

import io.buzon.store.Actor;
import io.buzon.store.NotFoundException;
import io.buzon.store.Secrets;
import io.buzon.store.admin.AdminService;
import io.buzon.store.password.PasswordRefusedException;
import io.buzon.store.password.PolicyViolation;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar admin ...}: recovery of console access from the command line of a
 * machine (or pod) that can reach the database, when the last admin's password or authenticator is lost.
 * {@code BuzonMain} starts it with the listeners and the HTTP server switched off.
 *
 * <pre>
 * admin reset-password NAME   new password from the first line of standard input; generated and printed
 *                             once when standard input is a terminal or empty
 * admin reset-totp NAME       removes the admin's second factor; they enrol again after signing in
 * </pre>
 * Both end every console session of that admin and are written to the audit log as {@code system:cli}.
 * Exit code 0 when done, 1 when there is no such admin, 2 for a usage error, 3 when the password policy
 * refuses the given password.
 */
public class AdminCommand implements QuarkusApplication {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: admin reset-password NAME   (new password on standard input; generated when there is none)",
            "       admin reset-totp NAME");

    @Inject
    AdminService admins;

    @Override
    public int run(String... args) throws Exception {
        return run(List.of(args), System.console() == null ? System.in : null, System.out, System.err);
    }

    /**
     * @param in where a new password is read from; null when there is nothing to read (a terminal)
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        List<String> rest = !args.isEmpty() && args.get(0).equals("admin") ? args.subList(1, args.size()) : args;
        if (rest.size() != 2 || !List.of("reset-password", "reset-totp").contains(rest.get(0)) || rest.get(1).isBlank()) {
            err.println(USAGE);
            return 2;
        }
        String name = rest.get(1).trim();
        Actor cli = Actor.system("cli");
        try {
            if (rest.get(0).equals("reset-totp")) {
                admins.resetTotp(cli, name);
                out.printf("Two-factor sign-in removed for console admin '%s'; their sessions were ended.%n", name);
                return 0;
            }
            String given = firstLine(in);
            String password = given == null || given.isEmpty() ? Secrets.randomToken(18) : given;
            admins.resetPassword(cli, name, password);
            if (given == null || given.isEmpty()) {
                out.printf("New password of console admin '%s': %s%n(shown only here; their sessions were ended)%n",
                        name, password);
            } else {
                out.printf("Password of console admin '%s' changed; their sessions were ended.%n", name);
            }
            return 0;
        } catch (NotFoundException e) {
            err.printf("There is no console admin named '%s'.%n", name);
            return 1;
        } catch (PasswordRefusedException e) {
            err.println("The password policy refuses that password:");
            for (PolicyViolation v : e.violations()) {
                err.println("  - " + v.message());
            }
            return 3;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        if (in == null) {
            return null;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? null : line.strip();
    }
}
