package org.flotilla.bench;

import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How close the streaming pipeline gets to its floor: a fleet cannot be READY before its
 * slowest host has booted and then been configured. For each N it prints
 * time-to-all-READY / (slowest boot + one host's configure time) and the process's peak RSS
 * (the local hosts live in this process too, as they do in the daemon).
 *
 * Usage: bench/provision.sh [N...] (default 100 500), from the project directory.
 */
public final class ProvisionBench {
    public static void main(String[] args) throws Exception {
        org.flotilla.ssh.Ssh.leaveBouncyCastleToThePki(); // as Flotilla's main does: the daemon's key exchange
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) sizes.add(Integer.parseInt(a));
        if (sizes.isEmpty()) sizes = List.of(100, 500);
        Path runs = Files.createTempDirectory("flotilla-bench-");
        String bootDelay = System.getProperty("boot-delay", "1s..10s");

        // One host alone, already booted: what configuring a single host costs (connect, login, render, upload, steps).
        long oneHostMs = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) oneHostMs = Math.min(oneHostMs, run(runs, 1, "0s").configureOneMs);
        System.out.printf("one host, no boot delay: %d ms from booted (SSH listening) to READY (best of 5)%n", oneHostMs);

        System.out.printf("%6s %12s %12s %14s %8s %10s%n", "hosts", "all READY", "slowest boot", "floor", "ratio", "peak RSS");
        for (int n : sizes) {
            long[] cpuBefore = cpuMs();
            Measured m = run(runs, n, bootDelay);
            long[] cpu = cpuMs();
            double floor = m.slowestBootMs + oneHostMs;
            System.out.printf("%6d %10d ms %10d ms %12.0f ms %8.2f %7d MB%n", n, m.allReadyMs, m.slowestBootMs, floor,
                    m.allReadyMs / floor, peakRssKb() / 1024);
            System.out.printf("       server gate: server READY at %d ms, %d clients reached and waiting then; the last READY %d ms after it%n",
                    m.gate.serverReadyMs, m.gate.waiting, m.allReadyMs - m.gate.serverReadyMs);
            System.out.printf("       CPU: %.1f ms per host (this JVM %.1f, the commands and what started them %.1f)%n",
                    (cpu[0] + cpu[1] - cpuBefore[0] - cpuBefore[1]) / (double) n, (cpu[0] - cpuBefore[0]) / (double) n,
                    (cpu[1] - cpuBefore[1]) / (double) n);
        }
    }

    /** The clients wait for the server (`after`): how many had piled up when it was READY. */
    record Gate(long serverReadyMs, int waiting) {
    }

    record Measured(long allReadyMs, long slowestBootMs, long configureOneMs, Gate gate) {
    }

    /** The local-demo scenario: one server, n-1 clients configured after it, with the given boot delays. */
    private static Measured run(Path runs, int n, String bootDelay) throws Exception {
        Path config = Path.of("config/scenarios/local-demo.conf").toAbsolutePath();
        Map<String, Integer> counts = n == 1 ? Map.of("server", 1, "client", 0) : Map.of("client", n - 1);
        Settings settings = Settings.load(new ConfigSources(config, List.of("runs-dir=\"" + runs + "\"",
                "local.boot-delay=\"" + bootDelay + "\"", "ssh.connect-timeout=2m"), counts));
        Run run = Run.create(settings.runsDir());
        Outcome outcome;
        try (FleetDaemon daemon = FleetDaemon.launch(settings, run)) {
            outcome = daemon.up();
            daemon.down();
        }
        if (!outcome.failed().isEmpty()) throw new IllegalStateException("hosts failed: " + outcome.failed());
        RunStatus status = RunStatus.read(run);
        Instant start = status.start();
        long allReady = 0, slowestBoot = 0, configureOne = 0;
        Instant serverReady = status.hosts().stream().filter(h -> h.host().role().equals("server"))
                .map(h -> h.reached().get(HostState.READY)).max(Instant::compareTo).orElse(start);
        int waiting = 0;
        for (RunStatus.HostStatus h : status.hosts()) {
            Instant reachable = h.reached().get(HostState.REACHABLE);
            if (h.host().role().equals("client") && reachable != null && reachable.isBefore(serverReady)) waiting++;
            Map<HostState, Instant> t = h.reached();
            allReady = Math.max(allReady, Duration.between(start, t.get(HostState.READY)).toMillis());
            slowestBoot = Math.max(slowestBoot, Duration.between(start, t.get(HostState.BOOTING)).toMillis());
            configureOne = Math.max(configureOne, Duration.between(t.get(HostState.BOOTING), t.get(HostState.READY)).toMillis());
        }
        return new Measured(allReady, slowestBoot, configureOne, new Gate(Duration.between(start, serverReady).toMillis(), waiting));
    }

    /**
     * CPU milliseconds (user + system) of this process, and of its children that have ended (the
     * hosts' commands, or the runner that started them: its children's time joins its own when it ends).
     */
    private static long[] cpuMs() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14-17 of proc(5), counted from the state (field 3) here
        long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        long msPerTick = 1000 / 100; // USER_HZ is 100 on Linux
        return new long[] {self * msPerTick, children * msPerTick};
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
