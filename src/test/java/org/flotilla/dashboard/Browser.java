package org.flotilla.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, that trusts the run's CA and
 * nothing else a test added: its own HOME with an NSS database holding that CA alone. Started
 * with the flags that keep it off the network (TESTBED.md); Selenium Manager never runs.
 */
public final class Browser implements AutoCloseable {
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    /** @param dir a fresh directory for the browser's HOME and profile */
    Browser(Path dir, Path ca) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
        run("certutil", "-d", "sql:" + nss, "-N", "--empty-password");
        run("certutil", "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "flotilla-run-ca", "-i", ca.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .withEnvironment(Map.of("HOME", home.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver = started;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** A browser on the daemon's dashboard (its view {@code fragment}: "", "#tests"), logged in with the run's password. */
    public static Browser onDashboard(org.flotilla.daemon.FleetDaemon daemon, org.flotilla.fleet.Run run, Path dir, String fragment)
            throws IOException, InterruptedException {
        Browser b = new Browser(dir, run.dir().resolve("pki/ca.pem"));
        b.open(daemon.dashboard().orElseThrow() + fragment, "flotilla", new org.flotilla.fleet.RunSecrets(run).password(Dashboard.SECRET));
        return b;
    }

    /** Opens the dashboard with its password in the address (the browser keeps it for the page's own requests). */
    void open(String url, String user, String password) {
        URI u = URI.create(url);
        driver.get(u.getScheme() + "://" + user + ":" + password + "@" + u.getAuthority() + u.getPath() + (u.getFragment() == null ? "" : "#" + u.getFragment()));
    }

    ChromeDriver driver() {
        return driver;
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text the first element matching {@code css} shows, read in one step (the page may replace it any moment). */
    public String text(String css) {
        return String.valueOf(script("const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css));
    }

    /** Waits (generously; it ends as soon as the condition holds) until {@code ok} is true. */
    public void await(String what, Duration within, Supplier<Boolean> ok) throws InterruptedException {
        Instant until = Instant.now().plus(within);
        while (!ok.get()) {
            if (Instant.now().isAfter(until)) throw new AssertionError("not within " + within + ": " + what + "; the page at " + driver.getCurrentUrl()
                    + " shows:\n" + driver.findElement(By.tagName("body")).getText());
            Thread.sleep(100);
        }
    }

    /** On the Tests view: waits for the test's row, then clicks its run button. */
    void run(String test) throws InterruptedException {
        String button = "#tests tr[data-test=" + test + "] button.run";
        await("the " + test + " test listed", Duration.ofSeconds(60), () -> !all(button).isEmpty());
        all(button).get(0).click();
    }

    /** Writes a screenshot and checks that it shows something: many colours, not a blank page. */
    public Path screenshot(Path file) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG in " + file).isNotNull();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) for (int x = 0; x < image.getWidth(); x += 4) colours.add(image.getRGB(x, y));
        assertThat(colours.size()).as("colours in " + file + " (a blank page has one)").isGreaterThan(8);
        return file;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
