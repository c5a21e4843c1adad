package org.flotilla.provider.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The tests' own HTTP proxy between the SDK and moto, on loopback: answers a chosen share of
 * calls with an EC2 error (RequestLimitExceeded, InsufficientInstanceCapacity, HTTP 500) without
 * passing them on, or passes a call on and loses its answer; answers a RunInstances whose client
 * token it has seen as EC2 does (moto launches again); and may rewrite moto's answers (e.g. put a host key block in the console output).
 */
final class FaultProxy implements AutoCloseable {
    /** An EC2 error answer. */
    record Fault(int status, String code) {
        static final Fault THROTTLED = new Fault(503, "RequestLimitExceeded");
        static final Fault NO_CAPACITY = new Fault(500, "InsufficientInstanceCapacity");
        static final Fault SERVER_ERROR = new Fault(500, "InternalError");
        /** The call goes through to moto, and its answer never comes back: the connection closes, as when it breaks. */
        static final Fault LOST_ANSWER = new Fault(0, "LostAnswer");
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Function<Map<String, String>, Optional<Fault>> faults = p -> Optional.empty();
    private volatile BiFunction<Map<String, String>, String, String> rewrite = (p, body) -> body;
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final Map<String, String> launches = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final Map<String, AtomicInteger> receivedByAction = new ConcurrentHashMap<>();

    FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Decides, per call (its form parameters, Action among them), whether to answer with a fault. */
    void faults(Function<Map<String, String>, Optional<Fault>> rule) {
        this.faults = rule;
    }

    void rewrite(BiFunction<Map<String, String>, String, String> rule) {
        this.rewrite = rule;
    }

    /** Faults answered so far, by "Action code". */
    int injected(String action, String code) {
        AtomicInteger n = injected.get(action + " " + code);
        return n == null ? 0 : n.get();
    }

    /** Faults of this code answered so far, whatever the action. */
    int injected(String code) {
        return injected.entrySet().stream().filter(e -> e.getKey().endsWith(" " + code)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Every fault answered so far, by "Action code", for failure messages. */
    String injectedByCall() {
        return new java.util.TreeMap<>(injected).toString();
    }

    int injectedTotal() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Calls received and not answered yet (a launch still being processed upstream). */
    int inFlight() {
        return inFlight.get();
    }

    /** Calls received so far. */
    int received() {
        return received.get();
    }

    /** Calls of this action received so far. */
    int received(String action) {
        AtomicInteger n = receivedByAction.get(action);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        received.incrementAndGet();
        inFlight.incrementAndGet();
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
            receivedByAction.computeIfAbsent(String.valueOf(params.get("Action")), a -> new AtomicInteger()).incrementAndGet();
            Optional<Fault> fault = faults.apply(params);
            if (fault.isPresent() && fault.get() != Fault.LOST_ANSWER) {
                injected.computeIfAbsent(params.get("Action") + " " + fault.get().code(), k -> new AtomicInteger()).incrementAndGet();
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + fault.get().code()
                        + "</Code><Message>injected by the tests' proxy</Message></Error></Errors><RequestID>proxy-"
                        + System.nanoTime() + "</RequestID></Response>";
                send(ex, fault.get().status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String token = "RunInstances".equals(params.get("Action")) ? params.get("ClientToken") : null;
            String launched = token == null ? null : launches.get(token);
            if (launched != null) {
                // EC2 answers a repeated client token with the first call's reservation; moto launches again
                send(ex, 200, "text/xml", launched.getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(120))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(v -> req.header(name, v));
            });
            HttpResponse<String> r;
            try {
                r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (token != null && r.statusCode() == 200) launches.put(token, r.body());
            if (fault.isPresent()) {
                injected.computeIfAbsent(params.get("Action") + " " + fault.get().code(), k -> new AtomicInteger()).incrementAndGet();
                // no answer at all: the server closes the connection (a body cut short reads as a short body to the SDK's client)
                throw new IOException("the tests' proxy lost the answer to " + params.get("Action"));
            }
            String answer = r.statusCode() == 200 ? rewrite.apply(params, r.body()) : r.body();
            send(ex, r.statusCode(), r.headers().firstValue("content-type").orElse("text/xml"), answer.getBytes(StandardCharsets.UTF_8));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
