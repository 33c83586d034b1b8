package cn.canbao.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through the system's chromedriver, with a fresh profile, and screenshots under
 * {@code target/screenshots}. The driver and browser paths are given explicitly so that Selenium Manager never
 * downloads anything; when they are missing the test fails saying what to install.
 */
final class Browser implements AutoCloseable {

    static final File CHROMIUM = new File(System.getProperty("canbao.chromium", "/usr/bin/chromium"));
    static final File CHROMEDRIVER = new File(System.getProperty("canbao.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("canbao.test-output", "target"), "screenshots");

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String prefix;

    private Browser(String prefix) throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("The browser tests need headless Chromium and its driver: "
                    + CHROMIUM + (CHROMIUM.canExecute() ? " found" : " MISSING") + ", "
                    + CHROMEDRIVER + (CHROMEDRIVER.canExecute() ? " found" : " MISSING")
                    + ". Install them with: apt-get update && apt-get install -y chromium chromium-driver");
        }
        this.prefix = prefix;
        profile = Files.createTempDirectory("canbao-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1440,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    static Browser open(String screenshotPrefix) {
        try {
            return new Browser(screenshotPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code path} under the application (e.g. "/policy/list.xhtml"). */
    Browser go(String path) {
        driver.get(Http.BASE + path);
        return this;
    }

    /** Signs in through the login form (any protected page leads there) and waits for the home page. */
    Browser signIn(String user) {
        return signIn(user, "demo123");
    }

    /** Signs in with a password and waits for a page of the application (the home page, or the password page first). */
    Browser signIn(String user, String password) {
        go("/");
        wait(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("header:current-user")));
        return this;
    }

    WebElement find(String cssSelector) {
        return wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
    }

    /**
     * Waits until the element's text contains {@code text}, and returns the whole text — read in the same step, since
     * an ajax update may replace the element right after (a second lookup could find it stale).
     */
    String waitForText(String cssSelector, String text) {
        return wait(d -> {
            try {
                String current = d.findElement(By.cssSelector(cssSelector)).getText();
                return current.contains(text) ? current : null;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits up to 20 s; a timeout says where the browser was and what the page said, with a screenshot. */
    <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            String where = "";
            String said = "";
            try {
                where = driver.getCurrentUrl() + ", screenshot " + screenshot("timeout-" + System.currentTimeMillis());
                said = pageText().replaceAll("\\s+", " ");
            } catch (RuntimeException ignored) {
                // the report below is all there is
            }
            throw new org.openqa.selenium.TimeoutException("gave up after 20 s on " + where + "; the page said: "
                    + (said.length() > 2000 ? said.substring(0, 2000) + "…" : said), timeout);
        }
    }

    /** Saves a full-window screenshot as {@code target/screenshots/<prefix>-<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(prefix + "-" + name + ".png");
            // the whole page, not just the first screen (Chrome's own capture, through chromedriver)
            ChromiumDriver chromium = (ChromiumDriver) driver;
            Map<String, Object> metrics = chromium.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
            Map<String, Object> shot = chromium.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
