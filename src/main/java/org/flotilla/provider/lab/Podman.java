package org.flotilla.provider.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Podman with the lab's own storage and configuration under the cache directory: this machine's
 * global defaults (/etc/containers, /var/lib/containers) are neither read nor touched. runc and
 * cgroupfs because crun and systemd cgroups fail on a cgroups-v1 machine without systemd.
 */
final class Podman {
    private final Path dir;
    private final Map<String, String> env;

    Podman(Path cacheDir) {
        this.dir = cacheDir.toAbsolutePath().resolve("podman");
        this.env = Map.of("CONTAINERS_CONF", dir.resolve("containers.conf").toString(),
                "CONTAINERS_STORAGE_CONF", dir.resolve("storage.conf").toString());
        write();
    }

    private void write() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("containers.conf"), """
                    # Written by Flotilla's lab provider for its own podman; rewritten at each run.
                    [containers]
                    log_driver = "k8s-file"
                    [engine]
                    runtime = "runc"
                    cgroup_manager = "cgroupfs"
                    events_logger = "file"
                    events_logfile_path = %s
                    tmp_dir = %s
                    [network]
                    network_config_dir = %s
                    """.formatted(toml(dir.resolve("events.log")), toml(dir.resolve("tmp")), toml(dir.resolve("networks"))));
            Files.writeString(dir.resolve("storage.conf"), """
                    # Written by Flotilla's lab provider for its own podman; rewritten at each run.
                    [storage]
                    driver = "overlay"
                    graphroot = %s
                    runroot = %s
                    """.formatted(toml(dir.resolve("storage")), toml(dir.resolve("run"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's podman configuration under " + dir, e);
        }
    }

    private static String toml(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Runs podman with these arguments; fails naming them when it exits non-zero. */
    String check(String... args) {
        return Exec.check(argv(List.of(args)), env);
    }

    String check(List<String> args) {
        return Exec.check(argv(args), env);
    }

    Exec.Result run(String... args) {
        return Exec.run(argv(List.of(args)), env);
    }

    private static List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("podman");
        argv.addAll(args);
        return argv;
    }

    /** The names of the containers labeled with this label, running or not. */
    List<String> containers(String label) {
        return check("ps", "--all", "--filter", "label=" + label, "--format", "{{.Names}}").lines().filter(l -> !l.isBlank()).toList();
    }
}
