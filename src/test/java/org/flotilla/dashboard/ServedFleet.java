package org.flotilla.dashboard;

import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A daemon that has brought its whole fleet up (no host failed) and serves its dashboard, for a browser to open. */
record ServedFleet(Run run, FleetDaemon daemon) implements AutoCloseable {
    static ServedFleet up(Settings settings) throws Exception {
        Run run = Run.create(settings.runsDir());
        FleetDaemon d = FleetDaemon.launch(settings, run);
        try {
            assertThat(d.up().failed()).isEmpty();
            d.serve();
            return new ServedFleet(run, d);
        } catch (Exception | Error e) {
            d.close();
            throw e;
        }
    }

    /** Headless Chromium on the dashboard's view {@code fragment} ("", "#tests"), logged in. */
    Browser browser(Path dir, String fragment) throws IOException, InterruptedException {
        return Browser.onDashboard(daemon, run, dir, fragment);
    }

    @Override
    public void close() {
        daemon.close();
    }
}
