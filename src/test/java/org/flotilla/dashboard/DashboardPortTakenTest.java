package org.flotilla.dashboard;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's TLS is made beside the fleet's launch, but its port is bound before: a port
 * already taken still fails `up` before any host is launched, naming the address and the keys.
 */
@Timeout(120)
class DashboardPortTakenTest {
    @TempDir
    Path tmp;

    @Test
    void aTakenDashboardPortFailsUpBeforeAnyHostIsLaunched() throws Exception {
        Workspace w = new Workspace(tmp);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path conf = w.config("fleet.conf", "roles.web.count = 2\ndashboard.port = " + taken.getLocalPort() + "\n");
            Workspace.Result r = w.cli("up", "-q", "--config", conf.toString());
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.err()).as(r.toString()).contains("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort() + " (dashboard.listen, dashboard.port)");
            Path journal = w.latestRun().journal();
            assertThat(Files.readString(journal)).as("no host was launched").doesNotContain("\"event\":\"host\"");
        }
    }
}
