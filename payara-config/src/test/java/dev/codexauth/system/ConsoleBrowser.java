package dev.codexauth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no driver download), with a fresh profile per
 * browser; screenshots go to {@code target/console-screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final RunningServer server;
    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;
    /** For reads that race a navigation: Chrome then fails with more than a stale element. */
    private final WebDriverWait readWait;

    /** A browser for the shared server. */
    ConsoleBrowser() {
        this(Fleet.server());
    }

    ConsoleBrowser(RunningServer server) {
        this.server = server;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(chromedriver))) {
            throw new IllegalStateException("ConsoleIT needs Chromium and chromedriver (Debian: apt-get install chromium "
                    + "chromium-driver; .ci/provision installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // A page that reloads between finding an element and reading it is read again, not a failure.
        wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
        readWait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
    }

    void open(String path) {
        driver.get(server.uri(path).toString());
    }

    /** Opens a page first, so the cookies of the server's origin are the ones deleted. */
    void forgetCookies() {
        open("/admin/login.xhtml");
        driver.manage().deleteAllCookies();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /**
     * The text of the element once it is visible, read again if an AJAX update replaced the element between finding
     * and reading it.
     */
    String textOf(String id) {
        return wait.until(driver -> {
            WebElement element = driver.findElement(By.id(id));
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    /** The input of a PrimeFaces component whose input carries the component's id (p:inputText) or id_input. */
    void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        // Select whatever a formatted input (p:inputNumber) put back, so the text replaces it.
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Clicks the button whose id ends in {@code :button} in the row of a table that shows this text. */
    void clickInRow(String tableId, String rowText, String button) {
        click(inRow(tableId, rowText, button));
    }

    /** The element whose id ends in {@code :button} in the row of a table that shows this text. */
    static By inRow(String tableId, String rowText, String button) {
        String suffix = ":" + button;
        return By.xpath("//*[@id='" + tableId + "']//tr[contains(., '" + rowText + "')]//*[substring(@id, string-length(@id) - "
                + (suffix.length() - 1) + ") = '" + suffix + "']");
    }

    void click(By element) {
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** A person's click on a spot of an element (a chart's canvas), given from its top-left corner in CSS pixels. */
    void clickAt(String id, long x, long y) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        Dimension size = element.getSize();
        new Actions(driver).moveToElement(element, (int) (x - size.getWidth() / 2), (int) (y - size.getHeight() / 2))
                .click().perform();
    }

    /** Picks the option with this label in a p:selectOneRadio, as a person clicks its label, and waits until it is chosen. */
    void choose(String id, String label) {
        By option = By.xpath("//*[@id='" + id + "']//label[normalize-space()='" + label + "']");
        wait.until(ExpectedConditions.elementToBeClickable(option)).click();
        String input = driver.findElement(option).getAttribute("for");
        wait.until(d -> d.findElement(By.id(input)).isSelected());
    }

    /** Waits until the page shows this text anywhere. */
    void awaitText(String text) {
        awaitRead(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /**
     * Waits until the element shows every one of these texts, reading it again when an AJAX update replaced it (a
     * filter's delayed request can land after the text was first seen).
     */
    void awaitTextIn(String id, String... texts) {
        awaitRead(d -> {
            String shown = d.findElement(By.id(id)).getText();
            return Arrays.stream(texts).allMatch(shown::contains);
        });
    }

    /**
     * Waits for what a read shows. A read that races a navigation fails with more than a stale element (Chrome says the
     * node "does not belong to the document"); such a read is tried again too, until the wait's time is up.
     */
    private void awaitRead(Function<WebDriver, Boolean> shown) {
        readWait.until(shown);
    }

    /** Waits until PrimeFaces has no AJAX request queued or running, so what the page shows is the server's answer. */
    void awaitAjax() {
        wait.until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                "return window.PrimeFaces === undefined || PrimeFaces.ajax.Queue.isEmpty();")));
    }

    void awaitPath(String path) {
        wait.until(d -> path().endsWith(path));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Resizes the browser window (the outer size, as a person drags it). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** What a script run in the page returns (as a person's browser would compute it, for example a chart's data). */
    Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    /** Waits until a script run in the page returns true (a widget's state that no text shows, such as a paused poll). */
    void awaitScript(String javascript) {
        awaitRead(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(javascript)));
    }

    boolean enabled(String id) {
        return enabled(By.id(id));
    }

    boolean enabled(By locator) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        return element.isEnabled() && !element.getAttribute("class").contains("ui-state-disabled");
    }

    /** Picks a file in a p:fileUpload as a person does in the file chooser; its input hides behind the Choose button. */
    void attach(String inputId, Path file) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(inputId))).sendKeys(file.toAbsolutePath().toString());
    }

    /**
     * Clicks Yes in the global confirm dialog once it has faded in, and waits until it is gone. A Yes during the fade,
     * or a dialog still fading out from the last question, can swallow the click and leave the action unsent.
     */
    void confirm() {
        By dialog = By.cssSelector(".ui-confirm-dialog");
        wait.until(ExpectedConditions.attributeToBe(dialog, "opacity", "1"));
        click("confirmYes");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(dialog));
    }

    /**
     * Clicks No in the global confirm dialog once it has faded in (a No during the fade is undone when the fade ends),
     * and waits until it is gone, so the page behind takes clicks again.
     */
    void decline() {
        By dialog = By.cssSelector(".ui-confirm-dialog");
        wait.until(ExpectedConditions.attributeToBe(dialog, "opacity", "1"));
        click("confirmNo");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(dialog));
    }

    /** Opens the dashboard; on a fleet without canonical auth.json the first-run dialog is closed as a person would. */
    void openDashboard() {
        open("/admin/dashboard.xhtml");
        find("dashboard:hostsCard");
        if (Boolean.TRUE.equals(script("return PF('firstRun').isVisible()"))) {
            click("closeFirstRun");
            awaitScript("return !PF('firstRun').isVisible() && PF('dashboardPoll').isActive()");
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from navigation start until the page finished loading. */
    long loadMillis() {
        Object millis = driver.executeScript(
                "const t = performance.getEntriesByType('navigation')[0]; return Math.round(t.loadEventEnd - t.startTime);");
        return ((Number) millis).longValue();
    }

    @Override
    public void close() {
        driver.quit();
        try {
            TestFiles.deleteTree(profile);
        } catch (IOException e) {
            // a temporary profile left behind harms nothing
        }
    }
}
