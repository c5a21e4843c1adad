package org.flotilla.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Talks to a living daemon from another process (status, configure, down). */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DaemonInfo daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ControlClient(DaemonInfo daemon) {
        this.daemon = daemon;
    }

    public JsonNode call(String action) throws IOException, InterruptedException {
        return call(action, Map.of());
    }

    public JsonNode call(String action, Map<String, String> params) throws IOException, InterruptedException {
        return call(action, params, null);
    }

    /** {@code answerWithin} null: as long as the action takes (a `configure` of a big fleet takes minutes). */
    private JsonNode call(String action, Map<String, String> params, Duration answerWithin) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/" + action + query))
                .header(ControlServer.TOKEN_HEADER, daemon.token())
                .POST(HttpRequest.BodyPublishers.noBody());
        if (answerWithin != null) request.timeout(answerWithin);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("the daemon (pid " + daemon.pid() + ") refused " + action + ": " + body.path("error").asText());
        }
        return body;
    }

    /** Asks the daemon who it is: its answer names its run. */
    JsonNode ping(Duration answerWithin) throws IOException, InterruptedException {
        return call("ping", Map.of(), answerWithin);
    }

    /**
     * Tells the daemon that {@code command}, this process, touches the fleet: it is not idle while
     * this process lives (provision.idle-stop). Best effort: a daemon that does not answer here will
     * not answer the command's own requests either, and those say so.
     */
    public void touch(String command) {
        try {
            call("touch", Map.of("command", command, "pid", Long.toString(ProcessHandle.current().pid())), Duration.ofSeconds(5));
        } catch (IOException e) {
            // see above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
