package org.flotilla.dashboard;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Fleet view in Debian's headless Chromium, served by a real daemon holding local hosts: the
 * page comes over HTTPS trusting the run's CA alone, is refused without the password, and follows
 * `up` without a reload (READY rows grow to all of them; the failed host shows why).
 */
class FleetViewBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    @TempDir
    Path tmp;

    @Test
    void theOpenPageFollowsUpUntilEveryHostIsReadyAndShowsTheFailedHostsReason() throws Exception {
        Workspace w = new Workspace(tmp);
        Path config = w.config("fleet.conf", """
                local.boot-delay = "1s..6s"
                roles.web {
                  count = 30
                  setup = [ "echo serving > web.txt" ]
                }
                roles.broken {
                  count = 1
                  setup = [ "echo 'no space left on /data' >&2; exit 3" ]
                }
                """);
        Settings s = w.settings(config);
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            d.serve();
            try (Browser b = Browser.onDashboard(d, run, tmp.resolve("browser"), "")) {
                b.await("the page is live", Duration.ofSeconds(60), () -> b.text("#link").equals("live"));
                b.script("window.sameLoad = 'yes'"); // a reload would forget it
                CompletableFuture<Outcome> up = CompletableFuture.supplyAsync(() -> {
                    try {
                        return d.up();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                TreeSet<Integer> seen = new TreeSet<>();
                b.await("30 READY rows", Duration.ofMinutes(3), () -> {
                    int ready = readyCount(b);
                    seen.add(ready);
                    return ready == 30;
                });
                assertThat(up.get().ready()).isEqualTo(30);
                assertThat(seen).as("READY counts the page showed on its way (it grows as hosts come up)").hasSizeGreaterThan(2);
                assertThat(b.script("return window.sameLoad")).as("the page was never reloaded").isEqualTo("yes");
                assertThat(b.all("#hosts tbody tr[data-state=READY]")).hasSize(30);

                b.await("the broken host FAILED", Duration.ofSeconds(30), () -> !b.all("tr[data-id=broken-0][data-state=FAILED]").isEmpty());
                b.script("window.scrollTo(0, 0)");
                b.screenshot(SCREENSHOTS.resolve("fleet.png"));
                WebElement broken = b.all("tr[data-id=broken-0]").get(0);
                assertThat(broken.getText()).contains("FAILED").contains("exit 3");
                broken.click();
                b.await("the failed host's log", Duration.ofSeconds(30), () -> b.text("#log").contains("no space left on /data"));
                assertThat(b.text("#progress-text")).isEqualTo("31 of 31 hosts settled");
                new Select(b.all("#filter-state").get(0)).selectByValue("FAILED");
                assertThat(b.all("#hosts tbody tr").stream().filter(WebElement::isDisplayed).map(r -> r.getAttribute("data-id")).toList())
                        .as("rows shown with state FAILED").containsExactly("broken-0");
                assertThat(b.text("#shown")).isEqualTo("1 of 31 shown");
                new Select(b.all("#filter-state").get(0)).selectByValue("");
                new Select(b.all("#filter-role").get(0)).selectByValue("web");
                assertThat(b.text("#shown")).isEqualTo("30 of 31 shown");
            }
        }
    }

    @Test
    void withoutThePasswordTheAnswerIs401AndPlainHttpGetsNoPage() throws Exception {
        try (ServedDashboard served = ServedDashboard.in(tmp)) {
            URI url = served.url();
            HttpClient http = served.http();
            String password = served.password();
            assertThat(served.workspace().cliInRuns("status").out()).as("status prints the dashboard's address")
                    .contains("dashboard: " + url + "  (user flotilla, password printed once, kept in " + served.run().dir().resolve("secrets/dashboard"));
            for (String path : List.of("", "events", "api/session", "static/fleet.js", "api/hosts/web-0/log")) {
                HttpResponse<String> none = http.send(HttpRequest.newBuilder(url.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(none.statusCode()).as("/" + path + " without the password").isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
                HttpResponse<String> wrong = http.send(get(url.resolve(path), "flotilla", password + "x"), HttpResponse.BodyHandlers.ofString());
                assertThat(wrong.statusCode()).as("/" + path + " with a wrong password").isEqualTo(401);
            }
            HttpResponse<String> page = http.send(get(url, "flotilla", password), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Flotilla dashboard</title>");
            String cookie = http.send(get(url.resolve("api/session"), "flotilla", password), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> outside = http.send(get(URI.create(url + "report/%2e%2e/secrets/dashboard"), "flotilla", password),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outside.statusCode()).as("a report path that leaves the report's folder").isEqualTo(404);
            assertThat(outside.body()).doesNotContain(password);

            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(url.resolve("api/run")).header("Authorization", basic("flotilla", password))
                    .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as("a POST without the session's CSRF token").isEqualTo(403);

            try (Socket plain = new Socket(url.getHost(), url.getPort())) {
                plain.setSoTimeout(20_000);
                OutputStream out = plain.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nAuthorization: " + basic("flotilla", password) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                String answer = new String(readSome(in), StandardCharsets.ISO_8859_1);
                assertThat(answer).as("plain HTTP on the dashboard's port").doesNotContain("HTTP/1.1 200").doesNotContain("Flotilla dashboard");
            }
        }
    }

    private static byte[] readSome(InputStream in) {
        try {
            return in.readNBytes(4096);
        } catch (java.io.IOException closed) {
            return new byte[0]; // a reset is also no page
        }
    }

    static HttpRequest get(URI uri, String user, String password) {
        return HttpRequest.newBuilder(uri).header("Authorization", basic(user, password)).build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int readyCount(Browser b) {
        String text = b.text("#count-READY b");
        return text.isEmpty() ? 0 : Integer.parseInt(text);
    }
}
