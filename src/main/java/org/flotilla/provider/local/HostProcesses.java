package org.flotilla.provider.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The processes a local host started, found by the FLOTILLA_RUN and FLOTILLA_HOST variables
 * every command on it inherits. A test's daemons (`iperf3 -s -D`, a sampler in the
 * background) leave their shell's process tree, but not their environment: a terminated local
 * host leaves nothing running, whether its daemon ends it or a later `down` does. A process that
 * overwrote its environment (nginx writes its title over it) is found as the child of one that did not.
 */
public final class HostProcesses {
    private static final Path PROC = Path.of("/proc");

    private HostProcesses() {
    }

    /** Ends every process of these hosts (of every host of the run when hostIds is null); returns how many. */
    public static int kill(String runId, Set<String> hostIds) {
        List<ProcessHandle> found = find(runId, hostIds);
        found.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle p : found) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                p.destroyForcibly();
            }
        }
        return found.size();
    }

    public static List<ProcessHandle> find(String runId, Set<String> hostIds) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        for (ProcessHandle p : marked(runId, hostIds)) {
            found.putIfAbsent(p.pid(), p);
            p.descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
        }
        return List.copyOf(found.values());
    }

    /** The processes whose environment names the run (and one of the hosts). */
    private static List<ProcessHandle> marked(String runId, Set<String> hostIds) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : pids) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) continue;
                byte[] env;
                try {
                    env = Files.readAllBytes(dir.resolve("environ"));
                } catch (IOException | SecurityException gone) {
                    continue; // exited meanwhile, or not ours to read
                }
                if (runId.equals(value(env, "FLOTILLA_RUN=")) && (hostIds == null || hostIds.contains(value(env, "FLOTILLA_HOST=")))) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            return found; // no /proc: nothing we can find
        }
        return found;
    }

    /** The value of NAME= in a NUL-separated environment, or null. */
    private static String value(byte[] env, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start >= p.length && java.util.Arrays.equals(env, start, start + p.length, p, 0, p.length)) {
                    return new String(env, start + p.length, i - start - p.length, StandardCharsets.UTF_8);
                }
                start = i + 1;
            }
        }
        return null;
    }
}
