package org.flotilla.bench;

import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The spread of start instants of a `fire` test across N local hosts (default 200), over
 * several rounds: max(start) - min(start) by the hosts' clock (here all one clock).
 *
 * Usage: bench/fire.sh [N] [ROUNDS]
 */
public final class FireBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path runs = Files.createTempDirectory("flotilla-fire-bench-");
        Path config = Files.writeString(runs.resolve("fire.conf"), """
                include "%s"
                tests.mark {
                  roles = [client]
                  duration = 1s
                  command = "true"
                }
                """.formatted(Path.of("config/scenarios/local-demo.conf").toAbsolutePath()));
        Settings settings = Settings.load(new ConfigSources(config, List.of("runs-dir=\"" + runs + "\""), Map.of("client", n)));
        Run run = Run.create(settings.runsDir());
        List<Double> spreads = new ArrayList<>();
        try (FleetDaemon daemon = FleetDaemon.launch(settings, run)) {
            if (!daemon.up().failed().isEmpty()) throw new IllegalStateException("hosts failed to come up");
            for (int i = 0; i < rounds; i++) {
                List<Window> windows = daemon.run().runTest("mark", null, List.of(), line -> { });
                var starts = windows.stream().map(Window::start).sorted().toList();
                double ms = Duration.between(starts.get(0), starts.get(starts.size() - 1)).toNanos() / 1e6;
                spreads.add(ms);
                System.out.printf("round %d: %d hosts, start spread %.1f ms%n", i + 1, windows.size(), ms);
            }
            daemon.down();
        }
        Collections.sort(spreads);
        System.out.printf("%d hosts, %d rounds: start spread median %.1f ms, best %.1f ms, worst %.1f ms%n",
                n, rounds, spreads.get(spreads.size() / 2), spreads.get(0), spreads.get(spreads.size() - 1));
    }
}
