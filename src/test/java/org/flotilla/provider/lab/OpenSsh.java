package org.flotilla.provider.lab;

import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** OpenSSH's client logging in to a lab host through its relay with the run's key, trusting only the host key Flotilla made for it. */
record OpenSsh(Run run, Host host, Path knownHosts) {
    record Said(int exit, String out) {
    }

    static OpenSsh to(Run run, Host host, Path tmp) throws IOException {
        String key = Files.readString(run.dir().resolve("lab").resolve(host.id()).resolve(HostSeed.HOST_KEY + ".pub")).trim();
        Path file = Files.writeString(tmp.resolve("known_hosts-" + host.id()), "[127.0.0.1]:" + host.port() + " " + key + "\n");
        return new OpenSsh(run, host, file);
    }

    Said as(String user, String command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "none", "-i", run.dir().resolve("ssh/id_ed25519").toString(),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-p", Integer.toString(host.port()), user + "@127.0.0.1", command));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Said(p.waitFor(), out);
    }
}
