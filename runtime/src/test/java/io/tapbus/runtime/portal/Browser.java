package io.tapbus.runtime.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by Debian's chromium-driver (both installed by .ci/run), on a free port, with
 * the few waits and clicks the portal's browser tests need, and screenshots saved under target/portal-screenshots/.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";
    final ChromeDriver driver;
    private final String base;

    Browser(String base, int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String hash) {
        driver.get(base + "/" + hash);
    }

    WebElement find(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    /** Waits until the element's text contains the text; the element. */
    WebElement waitForText(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(text)).findFirst()
                .orElse(null));
    }

    <T> T until(Function<WebDriver, T> condition) {
        // a page that re-renders a list while the test reads it leaves stale elements: look again
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return driver.executeAsyncScript(js, args);
    }

    /** Saves the whole page (not only the window, up to 4,000 px tall) as target/portal-screenshots/NAME.png. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), fullPage());
    }

    private byte[] fullPage() {
        try {
            long width = ((Number) script("return document.documentElement.clientWidth")).longValue();
            long height = Math.min(4000, ((Number) script("return document.documentElement.scrollHeight")).longValue());
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
            Object data = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
            return Base64.getDecoder().decode((String) data);
        } catch (RuntimeException e) {
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES); // the window at least
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
