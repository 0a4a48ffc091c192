package io.buzon.console;

import io.buzon.store.account.Account;
import io.buzon.pop3.server.Pop3Listeners;
import io.buzon.store.account.AccountService;
import io.buzon.store.delivery.DeliveryService;
import io.buzon.store.delivery.StagedContent;
import io.buzon.store.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.util.TrustManagerUtils;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real headless Chromium, driven through Debian's chromedriver, uses the console as an administrator
 * would; the mailbox it creates then logs in over POP3 (STLS) with Commons Net and retrieves a delivered message. Screenshots of the key pages land in {@code /tmp/buzon-console-*.png}. Missing browser = failure
 * with instructions, never a skip.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class BrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL base;

    @Inject
    AccountService accounts;

    @Inject
    DeliveryService delivery;

    @Inject
    Pop3Listeners listeners;

    WebDriver driver;
    WebDriverWait wait;
    Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("The browser test needs Debian's Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get update && apt-get install -y chromium chromium-driver");
        }
        profile = Files.createTempDirectory("buzon-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void adminCreatesAMailboxInTheBrowserThatThenFetchesMailOverPop3() throws IOException {
        String domain = "browser-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        String login = "lucia@" + domain;

        driver.get(url("/console/accounts"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        screenshot("login");
        driver.findElement(By.name("username")).sendKeys("admin");
        driver.findElement(By.name("password")).sendKeys(LoginTest.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/accounts"));

        driver.get(url("/console/domains"));
        WebElement newDomain = driver.findElement(By.id("new-domain"));
        newDomain.findElement(By.name("name")).sendKeys(domain);
        newDomain.findElement(By.name("quotaMib")).sendKeys("200");
        newDomain.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Domain created."));
        assertEquals(domain, driver.findElement(By.tagName("h1")).getText());
        screenshot("domain");

        driver.get(url("/console/accounts?domain=" + domain));
        WebElement form = driver.findElement(By.id("new-account"));
        form.findElement(By.name("login")).sendKeys(login);
        form.findElement(By.name("displayName")).sendKeys("Lucía Gómez");
        WebElement password = form.findElement(By.name("password"));
        password.sendKeys("abc");
        // console.js asks the server about the password as it is typed
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#new-account .policy-feedback"), "At least 10 characters."));
        screenshot("account-feedback");
        password.sendKeys("-Quiet-River-Stones-81");
        // console.js replaces the list as answers come back: look it up afresh at each poll
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                !d.findElement(By.cssSelector("#new-account .policy-feedback")).getText().contains("At least 10 characters."));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Account created."));

        WebElement quota = driver.findElement(By.id("quota-form"));
        quota.findElement(By.name("quotaMib")).clear();
        quota.findElement(By.name("quotaMib")).sendKeys("25");
        quota.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Saved."));
        Account created = accounts.findByLogin(login).orElseThrow();
        assertEquals(25L * 1024 * 1024, created.quotaBytes());
        screenshot("account");

        // The account just created in the browser fetches a delivered message over POP3 (STLS, Commons Net).
        byte[] message = ("From: Ana <ana@example.org>\r\nTo: " + login + "\r\nSubject: Hello from the browser test\r\n\r\n"
                + "It works.\r\n").getBytes(StandardCharsets.US_ASCII);
        StagedContent staged = delivery.stage(new ByteArrayInputStream(message));
        try {
            delivery.deliver(created.id(), staged, null, null, null);
        } finally {
            delivery.release(staged);
        }
        POP3SClient pop3 = new POP3SClient(false);
        pop3.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        pop3.setDefaultTimeout(10_000);
        pop3.connect("127.0.0.1", listeners.pop3Port());
        try {
            assertTrue(pop3.execTLS(), "STLS");
            assertTrue(pop3.login(login, "abc-Quiet-River-Stones-81"), pop3.getReplyString());
            POP3MessageInfo[] list = pop3.listMessages();
            assertEquals(1, list.length);
            assertEquals(message.length, list[0].size);
            StringBuilder text = new StringBuilder();
            try (Reader reader = pop3.retrieveMessage(1)) {
                char[] buffer = new char[1024];
                int n;
                while ((n = reader.read(buffer)) != -1) {
                    text.append(buffer, 0, n);
                }
            }
            assertTrue(text.toString().contains("Subject: Hello from the browser test"), text.toString());
            assertTrue(pop3.logout());
        } finally {
            pop3.disconnect();
        }

        driver.get(url("/console/accounts?domain=" + domain));
        WebElement row = driver.findElement(By.cssSelector("#accounts tbody tr"));
        assertTrue(row.getText().contains(login), row.getText());
        assertTrue(row.getText().contains("Lucía Gómez"), row.getText());
        assertTrue(row.getText().contains(message.length + " B / 25.0 MiB"), row.getText());
        screenshot("accounts");

        driver.get(url("/console"));
        assertTrue(driver.findElement(By.id("stat-domains")).getText().matches("\\d+"));
        screenshot("dashboard");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        screenshot("dashboard-phone");
        driver.findElement(By.cssSelector("label.navbutton")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("nav.side a[href='/console/domains']")));
        screenshot("menu-phone");
    }

    private String url(String path) {
        String b = base.toString();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("/tmp/buzon-console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
