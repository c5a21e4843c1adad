package org.flotilla.provider.lab;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shaped links measured as a user would: iperf3 from each client host's namespace to a server host's
 * (this machine's iperf3 run in the hosts' network namespaces: the bare image has none). A 100mbit
 * link carries 85-100 Mbit/s; the same link losing 2 % of its packets carries clearly less. The
 * senders use cubic, Debian's default: this machine's bbr barely slows for random loss (measured
 * 94.5 Mbit/s at 2 % here), which would hide the loss from the figures, not from the link.
 */
@Tag("lab") // starts containers of the lab image, built from Debian's mirror: runs outside the loopback-only namespace
class LabLinksTest {
    private static final int PORT = 5201;
    @TempDir
    Path tmp;

    @Test
    void aRateHoldsEachClientNearItAndLossOnTheSameRateDragsTheMeanDown() throws Exception {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("links.conf", """
                provider = lab
                ssh.connect-timeout = 10m
                roles {
                  server.count = 1
                  clean.count = 2
                  lossy.count = 2
                }
                lab.links {
                  clean.rate = 100mbit
                  lossy { rate = 100mbit, loss = 2% }
                }
                """);
        Settings settings = w.settings(conf);
        Run run = Run.create(settings.runsDir());
        LabNames names = new LabNames(run.id());
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            Process server = null;
            try {
                Outcome o = d.up();
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(5);
                assertThat(Files.readString(run.journal())).contains("\"event\":\"links\",\"roles\":{\"clean\":\"100mbit\",\"lossy\":\"100mbit, 2% loss\"}");

                String serverNs = names.hostNamespace("server-0");
                String address = NamespaceIperf.address(serverNs);
                server = NamespaceIperf.server(serverNs, address, PORT, tmp.resolve("iperf3-server.log"));

                List<Double> clean = new ArrayList<>();
                List<Double> lossy = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    clean.add(NamespaceIperf.mbits(names.hostNamespace("clean-" + i), address, PORT, 4, "cubic"));
                    lossy.add(NamespaceIperf.mbits(names.hostNamespace("lossy-" + i), address, PORT, 4, "cubic"));
                }
                double cleanMean = clean.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double lossyMean = lossy.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                System.out.printf("lab links: 100mbit each client %s Mbit/s (mean %.1f); 100mbit, 2%% loss %s Mbit/s (mean %.1f)%n",
                        shown(clean), cleanMean, shown(lossy), lossyMean);
                assertThat(clean).allSatisfy(m -> assertThat(m).as("a 100mbit link").isBetween(85.0, 100.0));
                assertThat(lossyMean).as("the same link losing 2 %% of its packets (clean: %.1f Mbit/s)", cleanMean).isLessThan(0.85 * cleanMean);
            } finally {
                if (server != null) server.destroy();
                d.down();
            }
        }
        // the run's own (mounts and cgroups are counted machine-wide: other lab runs at the same time would count)
        LabLeftovers left = LabLeftovers.of(settings, run.id());
        assertThat(List.of(left.containers(), left.namespaces(), left.relays())).as(left.toString()).containsOnly(0);
    }

    private static String shown(List<Double> mbits) {
        return mbits.stream().map(m -> String.format("%.1f", m)).toList().toString();
    }
}
