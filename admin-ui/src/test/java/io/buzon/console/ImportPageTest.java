package io.buzon.console;

import io.buzon.store.Actor;
import io.buzon.console.TestAdmins;
import io.buzon.store.admin.AdminRole;
import io.buzon.store.importer.ImportJobs;
import io.buzon.store.PageRequest;
import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
import io.buzon.store.audit.AuditFilter;
import io.buzon.store.audit.AuditLog;
import io.buzon.store.maildrop.MaildropEntry;
import io.buzon.store.maildrop.MaildropService;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's import page drives a real Dovecot import (generated passwd-file + Maildir) into the store. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ImportPageTest {

    /** {SHA512-CRYPT} hash as Dovecot's passwd-file holds it. */
    private static final String SHA512_HASH =
            "$6$s4ltS4lt$AC6Xm9n/0noG6Tdh.hVSh7RT0.bhr0MO7t5ZiL3sP9qgA.BClj84qm3GIZWBos84N0GM0rxq2OBOerTBz2Ucp0";

    @Inject
    TestAdmins admins;

    @Inject
    io.buzon.store.domain.DomainService domains;

    @Inject
    AccountService accounts;

    @Inject
    MaildropService maildrops;

    @Inject
    ImportJobs jobs;

    @Inject
    AuditLog audit;

    @TempDir
    Path dir;

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String message(String subject) {
        return "From: someone@remote.test\nTo: user\nSubject: " + subject + "\n\nBody of " + subject + "\n";
    }

    @Test
    void superAdminImportsADovecotMaildirKeepingUidlsAndASecondRunSkipsEverything() throws Exception {
        String domain = "imp" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String login = "rosa@" + domain;
        Path passwd = dir.resolve("users");
        write(passwd, login + ":{SHA512-CRYPT}" + SHA512_HASH + ":5000:5000::/nonexistent/rosa::\n");
        Path root = dir.resolve("vmail");
        Path maildir = root.resolve(domain + "/rosa/Maildir");
        write(maildir.resolve("dovecot-uidlist"), "3 V1600000000 N3 G8d2a0e1f\n"
                + "1 P00a1b2c3old W120 :1600000001.M1P1.mx,S=80\n"
                + "2 P<kept-uidl-2> W120 :1600000002.M2P2.mx,S=80\n");
        write(maildir.resolve("cur/1600000001.M1P1.mx,S=80:2,S"), message("one"));
        write(maildir.resolve("cur/1600000002.M2P2.mx,S=80:2,RS"), message("two"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));

        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.get("/console/import").then().statusCode(200).body(containsString("name=\"passwdFile\""))
                .body(containsString("href=\"/console/import\""));
        Map<String, String> form = Map.of("passwdFile", passwd.toString(), "maildirRoot", root.toString(),
                "maildirTemplate", "", "createDomains", "on");

        String first = finishedJobPage(c, c.post("/console/import", form));
        assertTrue(first.contains("Imported 2 messages"), first);
        assertTrue(first.contains("data-state=\"DONE\">Done</span>"), first);
        assertTrue(first.contains("<td>" + login + "</td><td>created</td>"), first);
        assertTrue(first.contains("; 0 skipped."), first);
        assertTrue(first.contains("Nothing was skipped."), first);
        Account account = accounts.findByLogin(login).orElseThrow();
        List<String> uidls = maildrops.open(account.id()).entries().stream().map(MaildropEntry::uidl).toList();
        assertEquals(List.of("00a1b2c3old", "<kept-uidl-2>"), uidls);
        assertEquals(1, audit.search(new AuditFilter("admin", "import.dovecot", passwd.toString(), null, null),
                PageRequest.first(5)).total(), "the run is audited with the admin as actor");

        String second = finishedJobPage(c, c.post("/console/import", form));
        assertTrue(second.contains("Imported 0 messages"), second);
        assertTrue(second.contains("; 2 skipped."), second);
        assertEquals(2, second.split("already imported", -1).length - 1, second);
        assertEquals(uidls, maildrops.open(account.id()).entries().stream().map(MaildropEntry::uidl).toList());

        String list = c.get("/console/import").then().statusCode(200).extract().asString();
        assertTrue(list.contains("Dovecot import from " + passwd), list);
    }

    /** Follows the redirect to the job page and polls it (it refreshes itself meanwhile) until the job is DONE. */
    private static String finishedJobPage(ConsoleClient c, Response started) {
        assertEquals(303, started.statusCode(), started.asString());
        String location = started.header("Location");
        assertTrue(location.matches(".*/console/import/[0-9a-f-]{36}$"), location);
        String path = location.substring(location.indexOf("/console/import/"));
        AtomicReference<String> page = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = c.get(path);
            assertEquals(200, r.statusCode());
            page.set(r.asString());
            assertFalse(page.get().contains("data-state=\"FAILED\""), page.get());
            return page.get().contains("data-state=\"DONE\"");
        });
        assertFalse(page.get().contains("http-equiv=\"refresh\""), "a finished job stops refreshing");
        return page.get();
    }

    @Test
    void runningJobPageRefreshesItself() {
        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String id = jobs.start("held import", "admin", (service, listener) -> {
            release.await();
            throw new IllegalStateException("stopped by the test");
        });
        try {
            String page = c.get("/console/import/" + id).then().statusCode(200).extract().asString();
            assertTrue(page.contains("<meta http-equiv=\"refresh\" content=\"2\">"), page);
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().state() == ImportJobs.State.FAILED);
        c.get("/console/import/" + id).then().statusCode(200).body(containsString("data-state=\"FAILED\""))
                .body(containsString("stopped by the test"));
        c.get("/console/import/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badPathsAreExplainedOnThePageAndStartNoJob() throws Exception {
        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.get("/console/import");
        int before = jobs.list().size();
        c.post("/console/import", Map.of("passwdFile", "", "maildirRoot", "", "maildirTemplate", ""))
                .then().statusCode(400).body(containsString("Give the absolute path of the Dovecot passwd-file"))
                .body(containsString("name=\"passwdFile\""));
        c.post("/console/import", Map.of("passwdFile", "etc/dovecot/users"))
                .then().statusCode(400).body(containsString("Give the absolute path of the Dovecot passwd-file"));
        c.post("/console/import", Map.of("passwdFile", dir.resolve("missing").toString()))
                .then().statusCode(400).body(containsString("does not exist or the server cannot read it"));
        Path passwd = dir.resolve("users");
        write(passwd, "");
        c.post("/console/import", Map.of("passwdFile", passwd.toString(), "maildirRoot", dir.resolve("nope").toString()))
                .then().statusCode(400).body(containsString("must be an absolute path to an existing directory"))
                .body(containsString("value=\"" + passwd + "\""));
        c.post("/console/import", Map.of("passwdFile", passwd.toString(), "maildirRoot", dir.toString(),
                "maildirTemplate", "../%n")).then().statusCode(400).body(containsString("no leading / or"));
        assertEquals(before, jobs.list().size(), "no job was started");
    }

    @Test
    void domainAdminIsRefusedAndAPostWithoutCsrfIsRefused() throws Exception {
        String name = "imp" + UUID.randomUUID().toString().substring(0, 6);
        String domain = "imp-da-" + name + ".test";
        domains.create(Actor.system("test"), domain, null, null);
        admins.create(name, "domain-admin-pass-3", AdminRole.DOMAIN_ADMIN, List.of(domain));
        ConsoleClient da = ConsoleClient.loggedIn(name, "domain-admin-pass-3");
        da.get("/console/import").then().statusCode(403);
        assertFalse(da.get("/console/profile").asString().contains("href=\"/console/import\""), "no nav entry for a domain admin");
        Path passwd = dir.resolve("users");
        write(passwd, "");
        int before = jobs.list().size();
        da.post("/console/import", Map.of("passwdFile", passwd.toString())).then().statusCode(403);

        ConsoleClient c = ConsoleClient.loggedIn("admin", LoginTest.ADMIN_PASSWORD);
        c.postWithoutCsrf("/console/import", Map.of("passwdFile", passwd.toString())).then().statusCode(403);
        assertEquals(before, jobs.list().size(), "no job was started");
    }
}
