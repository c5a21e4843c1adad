package org.flotilla.provider.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The open-files and processes limits a container is started with: this process's own, processes
 * capped at 32768. Podman's defaults ask for more than a machine without CAP_SYS_RESOURCE may
 * grant, and runc then refuses to start the container ("error setting rlimits"); on such a machine
 * runc also refused this process's own processes limit (96365), and took 32768.
 */
final class ContainerLimits {
    private static final Map<String, String> NAMES = Map.of("Max open files", "nofile", "Max processes", "nproc");
    private static final long MAX_PROCESSES = 32768;

    private ContainerLimits() {
    }

    /** podman run arguments: --ulimit nofile=SOFT:HARD ... (none when /proc cannot tell). */
    static List<String> ofThisProcess() {
        List<String> args = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                for (Map.Entry<String, String> e : NAMES.entrySet()) {
                    if (!line.startsWith(e.getKey())) continue;
                    String[] f = line.substring(e.getKey().length()).trim().split("\\s+");
                    args.add("--ulimit");
                    long cap = e.getValue().equals("nproc") ? MAX_PROCESSES : Long.MAX_VALUE;
                    args.add(e.getValue() + "=" + value(f[0], cap) + ":" + value(f[1], cap));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        return args;
    }

    private static String value(String s, long cap) {
        if (s.equals("unlimited")) return cap == Long.MAX_VALUE ? "-1" : Long.toString(cap);
        return Long.toString(Math.min(cap, Long.parseLong(s)));
    }
}
