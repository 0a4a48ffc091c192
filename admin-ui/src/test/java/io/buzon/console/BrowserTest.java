package io.buzon.console;

import io.buzon.store.account.Account;
import io.buzon.store.account.AccountService;
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

import java.io.File;
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
 * would. Screenshots of the key pages land in {@code /tmp/buzon-console-*.png}. Missing browser = failure
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
    void adminLogsInCreatesDomainAndAccountSetsQuotaAndSeesItListed() throws IOException {
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
        wait.until(ExpectedConditions.invisibilityOfElementWithText(By.cssSelector("#new-account .policy-feedback li"), "At least 10 characters."));
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

        driver.get(url("/console/accounts?domain=" + domain));
        WebElement row = driver.findElement(By.cssSelector("#accounts tbody tr"));
        assertTrue(row.getText().contains(login), row.getText());
        assertTrue(row.getText().contains("Lucía Gómez"), row.getText());
        assertTrue(row.getText().contains("0 B / 25.0 MiB"), row.getText());
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
