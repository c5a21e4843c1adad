package org.flotilla.dashboard;

import org.flotilla.RunCa;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

/** A daemon holding one local web host (not launched) that serves its dashboard, and an HTTPS client trusting the run's CA alone. */
record ServedDashboard(Workspace workspace, Run run, FleetDaemon daemon, URI url, HttpClient http, String password) implements AutoCloseable {
    static ServedDashboard in(Path dir) throws Exception {
        Workspace w = new Workspace(dir);
        Settings s = w.settings(w.config("fleet.conf", "roles.web.count = 1\n"));
        Run run = Run.create(s.runsDir());
        FleetDaemon d = FleetDaemon.launch(s, run);
        try {
            d.serve();
            return new ServedDashboard(w, run, d, URI.create(d.dashboard().orElseThrow()), RunCa.client(run.dir().resolve("pki/ca.pem")),
                    new RunSecrets(run).password(Dashboard.SECRET));
        } catch (Exception | Error e) {
            d.close();
            throw e;
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
