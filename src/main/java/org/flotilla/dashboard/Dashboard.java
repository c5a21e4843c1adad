package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.flotilla.config.DashboardSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;
import org.flotilla.pki.RunPki;
import org.flotilla.pki.ServerTls;
import org.flotilla.run.RunControl;
import org.flotilla.run.TestWatch;
import org.flotilla.ssh.OnEachHost;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's dashboard: the fleet, its tests and its figures in a browser, over HTTPS with a
 * certificate from the run's CA and the run's dashboard password. Pages stay open on server-sent
 * events; nothing is done for a page that is not open.
 */
public final class Dashboard implements AutoCloseable {
    /** The run secret (runs/ID/secrets/dashboard) that is the dashboard's password. */
    public static final String SECRET = "dashboard";
    /** How long a page's stream may be silent before a heartbeat finds out whether it is still there. */
    private static final long HEARTBEAT_MS = 15_000;
    /** How long a first change waits for others, so a burst goes to the page as one message. */
    private static final long GATHER_MS = 100;

    private final Run run;
    private final int total;
    private final HttpsServer https;
    private final ExecutorService threads;
    private final Access access;
    private final Pages pages;
    private final FleetFeed feed;
    private final LiveFigures live;
    private final Actions actions;
    private final ReportFiles report;
    private final StaticFiles files = new StaticFiles(Map.of("/static/uplot/", "/META-INF/resources/webjars/uplot/1.6.30/dist/", "/static/", "/dashboard/"));
    private volatile boolean closed;

    private Dashboard(RunControl control, int total, HttpsServer https, ExecutorService threads, Access access, Fleet fleet, OnEachHost onHosts) {
        this.run = control.run();
        this.total = total;
        this.https = https;
        this.threads = threads;
        this.access = access;
        this.pages = new Pages();
        this.feed = new FleetFeed(fleet, pages);
        this.live = new LiveFigures(control.settings(), fleet, onHosts, pages);
        this.actions = new Actions(control, pages);
        this.report = new ReportFiles(run.dir().resolve("report"));
    }

    /**
     * Serves the dashboard of a run's fleet ({@code total} hosts planned) at the configured address;
     * its buttons act through {@code control}, as the commands do; live figures are read over {@code onHosts}' held sessions.
     */
    public static Dashboard start(DashboardSettings settings, Fleet fleet, OnEachHost onHosts, int total, RunControl control) {
        Run run = control.run();
        // The CA is on disk once `up` names it (the announcement tells users to trust it).
        RunPki pki = RunPki.open(run.dir(), run.id());
        HttpsServer https;
        try {
            // Bound here, so a port already taken fails `up` before anything is launched.
            https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(settings.address()), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard on " + settings.address() + ":" + settings.port()
                    + " (dashboard.listen, dashboard.port): " + e.getMessage(), e);
        }
        // A thread per open request: a page's event stream holds one for as long as it is open.
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard");
            t.setDaemon(true);
            return t;
        });
        https.setExecutor(threads);
        Dashboard d = new Dashboard(control, total, https, threads, new Access(new RunSecrets(run).password(SECRET), run.id()), fleet, onHosts);
        https.createContext("/", d::handle);
        // The dashboard's certificate and the TLS context (JSSE's first use) take a few hundred ms of
        // CPU: made beside the fleet's launch, not before it. A browser that connects meanwhile waits
        // in the listen backlog.
        Thread tls = new Thread(() -> d.serve(pki, settings.address()), "dashboard-tls");
        tls.setDaemon(true);
        tls.start();
        return d;
    }

    private synchronized void serve(RunPki pki, String address) {
        if (closed) return;
        try {
            https.setHttpsConfigurator(new HttpsConfigurator(ServerTls.context(pki, SECRET, address)));
            https.start();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Dashboard.class).error("the dashboard of run {} cannot serve: {}", run.id(), e.getMessage(), e);
        }
    }

    /** https://ADDRESS:PORT/ */
    public String url() {
        InetSocketAddress a = https.getAddress();
        String host = a.getAddress().getHostAddress();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
    }

    /** What reads the hosts' logs while a test runs: told of every test the daemon runs. */
    public TestWatch liveFigures() {
        return live;
    }

    /** How many times the daemon has read a host's logs for live figures (none while no page is open). */
    public long liveFigureReads() {
        return live.reads();
    }

    /** What `up` and `status` tell the user: where, who, and what to trust. */
    public static String announce(String url, Run run) {
        return "dashboard: " + url + "  (user " + Access.USER + ", password printed once, kept in "
                + new RunSecrets(run).file(SECRET) + "; CA: " + run.dir().resolve("pki").resolve("ca.pem") + ")";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!access.admit(ex)) return;
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String session = access.session(ex, method.equals("GET") && path.equals("/api/session"));
            if (method.equals("POST")) {
                if (!access.csrfHolds(ex, session)) Responses.text(ex, 403, "this page's session token is missing or stale: reload the page\n");
                else act(ex, path);
                return;
            }
            if (!method.equals("GET")) {
                Responses.text(ex, 405, method + " is not answered here\n");
                return;
            }
            if (path.equals("/")) files.serve(ex, "/static/index.html");
            else if (path.equals("/events")) events(ex);
            else if (path.equals("/api/session")) Responses.json(ex, 200, Map.of("run", run.id(), "total", total, "user", Access.USER, "csrf", access.csrf(session)));
            else if (path.equals("/api/tests")) tests(ex);
            else if (path.startsWith("/report/")) report.serve(ex, path.substring("/report/".length()));
            else if (path.startsWith("/api/hosts/") && path.endsWith("/log")) hostLog(ex, path.substring("/api/hosts/".length(), path.length() - "/log".length()));
            else files.serve(ex, path);
        } catch (IOException e) {
            // the page went away mid-answer
        }
    }

    /** POST /api/ACTION with a JSON body: 202 once started, or why not. */
    private void act(HttpExchange ex, String path) throws IOException {
        if (!path.startsWith("/api/")) {
            Responses.text(ex, 404, "no such action: " + path + "\n");
            return;
        }
        try {
            byte[] body = ex.getRequestBody().readNBytes(64 * 1024);
            JsonNode request = body.length == 0 ? Responses.JSON.createObjectNode() : Responses.JSON.readTree(body);
            Responses.json(ex, 202, Map.of("started", actions.start(path.substring("/api/".length()), request)));
        } catch (Actions.Refused r) {
            Responses.json(ex, r.status, Map.of("error", r.getMessage()));
        } catch (JsonProcessingException e) {
            Responses.json(ex, 400, Map.of("error", "not JSON: " + e.getOriginalMessage()));
        }
    }

    /** The run's tests and every window fired so far. */
    private void tests(HttpExchange ex) throws IOException {
        Settings settings = actions.settings();
        List<Map<String, Object>> tests = settings.tests().stream().map(t -> Map.<String, Object>of("name", t.name(), "roles", t.roles(),
                "patterns", t.patterns(), "start", t.start().name().toLowerCase(Locale.ROOT), "duration", t.duration().toMillis())).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tests", tests);
        doc.put("windows", TestWindows.read(run.journal()));
        doc.put("running", actions.running());
        doc.put("report", report.exists());
        doc.put("roles", settings.roles().stream().map(RoleSpec::name).toList());
        Responses.json(ex, 200, doc);
    }

    private void hostLog(HttpExchange ex, String host) throws IOException {
        if (!feed.known(host)) Responses.text(ex, 404, "no host " + host + " in run " + run.id() + "\n");
        else Responses.text(ex, 200, HostLogTail.of(run.hostLog(host)));
    }

    /** The fleet's rows, then every change, until the page goes away or the daemon stops. */
    private void events(HttpExchange ex) throws IOException {
        Changes changes = pages.open(); // before the first rows are read: a change meanwhile is sent again, not lost
        live.pageOpened();
        try {
            EventStream stream = new EventStream(ex);
            stream.send("hosts", EventStream.hosts(feed.all()));
            while (!closed) {
                Changes.Batch batch = changes.take(HEARTBEAT_MS, GATHER_MS);
                if (batch.isEmpty()) stream.heartbeat();
                if (!batch.hosts().isEmpty()) stream.send("hosts", EventStream.hosts(feed.rows(batch.hosts())));
                for (Changes.Event e : batch.events()) stream.send(e.name(), e.body());
            }
        } catch (InterruptedException e) {
            // the dashboard is closing
        } finally {
            pages.close(changes);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        https.stop(0);
        threads.shutdownNow(); // ends the open pages' streams
        live.close();
    }
}
