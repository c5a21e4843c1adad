package org.flotilla.provider.lab;

import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The figure: N lab clients (default 10) behind their shaped links send to one unshaped
 * server host at once, each with this machine's iperf3 in its namespace for 5 s; prints each
 * client's Mbit/s and the fleet's mean. The links are the given --set values. Not a test: the
 * figure depends on how busy this machine's two cores are (the bridge forwards in software).
 *
 * Usage (as root): bench/lab-links.sh [N] [CONGESTION] [KEY=VALUE]...
 *   e.g. bench/lab-links.sh 10 bbr lab.links.client.rate=100mbit lab.links.client.loss=2%
 */
public final class LabLinksBench {
    private static final int BASE_PORT = 5201;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String congestion = args.length > 1 ? args[1] : "bbr";
        List<String> sets = new ArrayList<>(args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("lab.links.client.rate=100mbit"));
        Path runs = Files.createTempDirectory("flotilla-lab-links-bench-");
        Path config = Files.writeString(runs.resolve("links.conf"), """
                provider = lab
                runs-dir = "%s"
                ssh.connect-timeout = 10m
                roles { server.count = 1, client.count = 1 }
                """.formatted(runs));
        Settings settings = Settings.load(new ConfigSources(config, sets, Map.of("client", n)));
        Run run = Run.create(settings.runsDir());
        LabNames names = new LabNames(run.id());
        List<Process> servers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            try {
                Outcome o = d.up();
                if (!o.failed().isEmpty()) throw new IllegalStateException("hosts failed: " + o.failed());
                String serverNs = names.hostNamespace("server-0");
                String address = NamespaceIperf.address(serverNs);
                for (int i = 0; i < n; i++) servers.add(NamespaceIperf.server(serverNs, address, BASE_PORT + i, runs.resolve("iperf3-" + i + ".log")));
                List<Future<Double>> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int port = BASE_PORT + i;
                    String ns = names.hostNamespace("client-" + i);
                    sent.add(clients.submit(() -> NamespaceIperf.mbits(ns, address, port, 5, congestion)));
                }
                List<Double> mbits = new ArrayList<>();
                for (Future<Double> f : sent) mbits.add(f.get());
                DoubleSummaryStatistics s = mbits.stream().mapToDouble(Double::doubleValue).summaryStatistics();
                System.out.printf("lab links %s, %d clients at once, %s: each %s Mbit/s; mean %.1f, min %.1f, max %.1f%n",
                        settings.lab().shownLinks(), n, congestion, mbits.stream().map(m -> String.format("%.1f", m)).toList(),
                        s.getAverage(), s.getMin(), s.getMax());
            } finally {
                clients.shutdownNow();
                servers.forEach(Process::destroy);
                d.down();
            }
        }
    }
}
