package dev.docpipe.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docpipe.api.support.ApiIntegrationTest;
import dev.docpipe.api.support.HttpApi;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless browser (Debian's chromium and chromium-driver, which .ci/run installs):
 * a document confirmed 20 times at once shows one accepted ConfirmScan and 19 ALREADY_DONE in its timeline, the
 * live view receives samples, the page logs no console error, and a screenshot is left in
 * target/ops-console.png. Skipped, saying why, where no chromium or chromedriver is installed.
 */
class OperatorConsoleBrowserIntegrationTest extends ApiIntegrationTest {
    private static final Path SCREENSHOT = Path.of("target", "ops-console.png");
    private static WebDriver browser;
    private static String missing;

    @BeforeAll
    static void browser() {
        Optional<Path> chromium = executable("docpipe.chromium", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("webdriver.chrome.driver", "chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            missing = (chromium.isEmpty() ? "chromium" : "chromedriver");
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // in a container: no sandbox (no user namespaces) and no /dev/shm of useful size
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1600");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Per test, so that surefire reports the test as skipped with the reason (a class-level skip is silent). */
    @BeforeEach
    void needsABrowser() {
        Assumptions.assumeTrue(browser != null, () -> "SKIPPED: no headless browser here (" + missing
                + " not found; apt-get install -y chromium chromium-driver, as .ci/run does)");
    }

    @Test
    void theTimelineOfADocumentConfirmedTwentyTimesAtOnceShowsOneAcceptedAndNineteenAlreadyDone() throws Exception {
        UUID documentId = scannedDocument();
        List<HttpApi.Response> confirms = concurrently(20, () -> api.post(docPath(documentId) + "/confirm-scan", null));
        assertThat(confirms).extracting(HttpApi.Response::status).containsOnly(200, 202).contains(202);

        // a family's token is refused on the console's page as on its API
        assertThat(api.get("/ops").status()).isEqualTo(403);
        assertThat(api.get("/ops/api/documents/" + documentId + "/timeline").status()).isEqualTo(403);

        HttpApi.Response minted = api.anonymous().post("/api/v1/dev/operators", null);
        assertThat(minted.status()).isEqualTo(201);
        browser.get("http://127.0.0.1:" + port + minted.json().path("console").asString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
        assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token=");

        browser.findElement(By.id("document-id")).sendKeys(documentId.toString());
        browser.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("timeline-summary"), "data-loaded", documentId.toString()));

        String confirm = "#timeline tr[data-type='ConfirmScan']";
        assertThat(browser.findElements(By.cssSelector(confirm + "[data-status='ACCEPTED']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(confirm + "[data-status='ALREADY_DONE']"))).hasSize(19);
        assertThat(browser.findElements(By.cssSelector(confirm + "[data-mark='DUPLICATE']"))).hasSize(19);
        assertThat(browser.findElement(By.id("timeline-summary")).getText())
                .contains("OCR_PENDING", "1 × ConfirmScan ACCEPTED", "19 × ConfirmScan ALREADY_DONE");
        assertThat(browser.findElements(By.cssSelector("#timeline tr[data-type='OcrRequested']"))).hasSize(1);

        // the live view: samples pushed by the server, drawn into the chart
        wait.until(d -> Integer.parseInt(Optional.ofNullable(d.findElement(By.id("live")).getAttribute("data-samples"))
                .orElse("0")) >= 2);
        assertThat(browser.findElements(By.cssSelector("#chart polyline"))).hasSize(3);
        assertThat(browser.findElement(By.id("dlq-summary")).getText()).contains("docpipe.dlq");

        Files.createDirectories(SCREENSHOT.getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(1000);

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors of the page").isEmpty();
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = Stream.generate(() -> pool.submit(() -> {
                start.await();
                return call.call();
            })).limit(n).toList();
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    /** The path a system property names, or the first of {@code names} on the PATH. */
    private static Optional<Path> executable(String property, String... names) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
