package org.flotilla.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sessions are bounded: requests without a cookie make none, except a page asking
 * for its token; a flood of such pages makes the oldest unused session forgotten (its page is told
 * to reload), while a page that keeps using its session keeps it.
 */
class SessionsTest {
    @TempDir
    Path tmp;

    @Test
    void onlyAPageAskingForItsTokenGetsASessionAndOnlyTheRecentlyUsedAreKept() throws Exception {
        try (ServedDashboard served = ServedDashboard.in(tmp)) {
            URI url = served.url();
            String password = served.password();
            for (String path : List.of("", "static/fleet.js", "api/tests")) {
                HttpResponse<String> r = served.http().send(FleetViewBrowserTest.get(url.resolve(path), "flotilla", password), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("/" + path).isEqualTo(200);
                assertThat(r.headers().firstValue("Set-Cookie")).as("a session made for /" + path).isEmpty();
            }

            HttpClient http = served.http();
            Page oldest = Page.open(http, url, password, null);
            assertThat(oldest.cookie).as("a page asking for its token gets a session").isNotNull();
            Page kept = Page.open(http, url, password, null);
            for (int i = 0; i < Access.SESSIONS + 10; i++) {
                Page.open(http, url, password, null);
                if (i % 10 == 0) assertThat(Page.open(http, url, password, kept.cookie).cookie).as("the used session kept").isNull();
            }
            Page again = Page.open(http, url, password, kept.cookie);
            assertThat(again.cookie).as("the used session kept").isNull();
            assertThat(again.csrf).isEqualTo(kept.csrf);

            HttpResponse<String> stale = http.send(HttpRequest.newBuilder(url.resolve("api/push")).header("Authorization", FleetViewBrowserTest.basic("flotilla", password))
                    .header("Cookie", oldest.cookie).header(Access.CSRF_HEADER, oldest.csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).as("a POST of the forgotten session").isEqualTo(403);
            assertThat(stale.body()).contains("reload the page");
            assertThat(Page.open(http, url, password, oldest.cookie).cookie).as("the forgotten session is replaced").isNotNull();
        }
    }

    /** What a page learns from /api/session: a new session's cookie (null when its own was kept) and its token. */
    private record Page(String cookie, String csrf) {
        static Page open(HttpClient http, URI url, String password, String cookie) throws Exception {
            HttpRequest.Builder get = HttpRequest.newBuilder(url.resolve("api/session")).header("Authorization", FleetViewBrowserTest.basic("flotilla", password));
            if (cookie != null) get.header("Cookie", cookie);
            HttpResponse<String> r = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return new Page(r.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(null),
                    new ObjectMapper().readTree(r.body()).path("csrf").asText());
        }
    }
}
