package org.flotilla.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.fleet.JournalCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;

/** Talks to a living daemon from another process: a request out, its progress lines and its answer back. */
final class ControlClient {
    private static final ObjectMapper JSON = JournalCodec.json();
    private final DaemonInfo daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ControlClient(DaemonInfo daemon) {
        this.daemon = daemon;
    }

    /**
     * Sends the request; passes each progress line to {@code say} as it comes; returns the answer.
     *
     * @param answerWithin null: as long as the action takes (a `configure` of a big fleet takes minutes)
     */
    JsonNode call(ControlRequest request, Consumer<String> say, Duration answerWithin) throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/" + request.action()))
                .header(ControlServer.TOKEN_HEADER, daemon.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)));
        if (answerWithin != null) post.timeout(answerWithin);
        HttpResponse<java.util.stream.Stream<String>> response = http.send(post.build(), HttpResponse.BodyHandlers.ofLines());
        try (var lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                JsonNode line = JSON.readTree(it.next());
                if (line.has("say")) say.accept(line.path("say").asText());
                else if (line.has("answer")) return line.path("answer");
                else if (line.has("error")) throw new IOException("the daemon (pid " + daemon.pid() + ") refused " + request.action() + ": " + line.path("error").asText());
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        throw new IOException("the daemon (pid " + daemon.pid() + ") went away before answering " + request.action());
    }

    JsonNode call(ControlRequest request) throws IOException, InterruptedException {
        return call(request, line -> { }, null);
    }

    /** Asks the daemon who it is: its answer names its run. */
    JsonNode ping(Duration answerWithin) throws IOException, InterruptedException {
        return call(new ControlRequest.Ping(), line -> { }, answerWithin);
    }

    /**
     * Tells the daemon that {@code command}, this process, touches the fleet: it is not idle while
     * this process lives (provision.idle-stop). Best effort: a daemon that does not answer here will
     * not answer the command's own requests either, and those say so.
     */
    void touch(String command) {
        try {
            call(new ControlRequest.Touch(command, ProcessHandle.current().pid()), line -> { }, Duration.ofSeconds(5));
        } catch (IOException e) {
            // see above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
