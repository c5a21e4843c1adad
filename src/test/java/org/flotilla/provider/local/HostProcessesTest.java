package org.flotilla.provider.local;

import org.flotilla.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A local host's nginx (which writes its title over its environment) ends with the host. */
class HostProcessesTest {
    @TempDir
    Path dir;

    @Test
    void nginxStartedFromAHostShellEndsWithTheHost() throws Exception {
        int port;
        port = FreePorts.loopback();
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), "daemon off; worker_processes 1; pid nginx.pid; error_log logs/error.log;\n"
                + "events { worker_connections 16; }\n"
                + "http { access_log off; client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi;"
                + " uwsgi_temp_path uwsgi; scgi_temp_path scgi; server { listen 127.0.0.1:" + port + "; return 200; } }\n");
        String run = "test-" + UUID.randomUUID();
        // dash dies of SIGTERM without passing it on: only the process tree leads to nginx.
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "/usr/sbin/nginx -p \"$PWD/\" -c nginx.conf -e logs/error.log & wait")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("FLOTILLA_RUN", run);
        pb.environment().put("FLOTILLA_HOST", "target-0");
        Process shell = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(dir.resolve("nginx.pid")) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(dir.resolve("nginx.pid")).as(Files.readString(dir.resolve("out.txt"))).exists();
            List<ProcessHandle> nginx = shell.toHandle().descendants().toList();
            assertThat(nginx).as("nginx master and worker").hasSizeGreaterThanOrEqualTo(2);
            for (ProcessHandle p : nginx) {
                assertThat(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "environ"))).doesNotContain(run);
            }

            assertThat(HostProcesses.find(run, Set.of("target-0"))).extracting(ProcessHandle::pid)
                    .contains(shell.pid()).containsAll(nginx.stream().map(ProcessHandle::pid).toList());
            assertThat(HostProcesses.kill(run, Set.of("target-0"))).isGreaterThanOrEqualTo(3);

            for (ProcessHandle p : nginx) assertThat(p.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
