package org.flotilla.provider.lab;

import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenSSH's client logging in to a lab host at its lab address through the lab's jump host
 * (`ssh -J`, the relay's port from the run's files), with the run's key, trusting only the host
 * keys Flotilla made for the jump host and the host. The options sit in a config file because
 * `-J` hands the jump's own ssh that file alone, not the command line's options.
 */
record OpenSsh(Host host, Path config, String jump) {
    record Said(int exit, String out) {
    }

    static OpenSsh to(Run run, Host host, Path tmp) throws IOException {
        Path lab = run.dir().resolve("lab");
        int port = Integer.parseInt(Files.readString(lab.resolve("jump.port")).strip());
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts-" + host.id()),
                "[127.0.0.1]:" + port + " " + hostKey(lab, LabJumpHost.ID) + "\n" + host.address() + " " + hostKey(lab, host.id()) + "\n");
        Path config = Files.writeString(tmp.resolve("ssh_config-" + host.id()), String.join("\n",
                "Host *", "  IdentityFile " + run.dir().resolve("ssh/id_ed25519"), "  IdentitiesOnly yes", "  BatchMode yes",
                "  StrictHostKeyChecking yes", "  UserKnownHostsFile " + knownHosts, "  GlobalKnownHostsFile /dev/null", ""));
        return new OpenSsh(host, config, LabImage.USER + "@127.0.0.1:" + port);
    }

    private static String hostKey(Path lab, String id) throws IOException {
        return Files.readString(lab.resolve(id).resolve(HostSeed.HOST_KEY + ".pub")).trim();
    }

    Said as(String user, String command) throws IOException, InterruptedException {
        List<String> argv = List.of("ssh", "-F", config.toString(), "-J", jump, "-p", Integer.toString(host.port()),
                user + "@" + host.address(), command);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Said(p.waitFor(), out);
    }
}
