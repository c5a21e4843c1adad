package org.flotilla.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a living daemon from another process (status, configure, down). */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DaemonInfo daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ControlClient(DaemonInfo daemon) {
        this.daemon = daemon;
    }

    public JsonNode call(String action) throws IOException, InterruptedException {
        return call(action, null);
    }

    /** Asks the daemon for an action with a JSON body (null: none). */
    public JsonNode call(String action, Object payload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/" + action))
                .header(ControlServer.TOKEN_HEADER, daemon.token())
                .POST(payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("the daemon (pid " + daemon.pid() + ") refused " + action + ": " + body.path("error").asText());
        }
        return body;
    }
}
