package org.flotilla.provider.lab;

import org.flotilla.config.LabSettings;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The bare host image: Debian minbase and the configured packages (cloud-init among them), root
 * login refused, no host keys and no login yet: cloud-init makes the login `admin` with
 * passwordless sudo and installs the host key Flotilla made, at each host's first boot.
 * Built with mmdebstrap from the machine's Debian sources, imported into the lab's podman, and
 * tagged by a hash of its recipe: a later run with the same recipe finds it and builds nothing.
 */
final class LabImage {
    static final String USER = "admin";
    /** Shell run by mmdebstrap in the new root ($1); constants only, part of the recipe's hash. */
    private static final List<String> HOOKS = List.of(
            "printf 'PermitRootLogin no\\nPasswordAuthentication no\\nKbdInteractiveAuthentication no\\nHostKey /etc/ssh/ssh_host_ed25519_key\\n'"
                    + " > \"$1/etc/ssh/sshd_config.d/flotilla-lab.conf\"",
            "rm -f \"$1\"/etc/ssh/ssh_host_*",
            "printf '%s' " + ShellWords.quote(CloudInitSeed.IMAGE_CONFIG) + " > \"$1/etc/cloud/cloud.cfg.d/99-flotilla-lab.cfg\"",
            // No translated package descriptions: 6 of the 16 MB each host's `apt-get update` fetched.
            "printf 'Acquire::Languages \"none\";\\n' > \"$1/etc/apt/apt.conf.d/99flotilla-lab-no-translations\"",
            "rm -f \"$1\"/var/lib/apt/lists/*Translation-*");
    private static final Object IN_PROCESS = new Object();

    /** @param built false when the image was found in the cache */
    record Ready(String tag, boolean built, Duration took) {
    }

    private LabImage() {
    }

    static String tag(LabSettings lab) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\n", "recipe 2", lab.suite(), String.join(",", lab.packages()), String.join("\n", HOOKS)).getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(lab.sources()));
            return "localhost/flotilla-lab:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("lab.image.sources: cannot read " + lab.sources(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image of this recipe, built first if the cache lacks it; one build at a time per cache, across processes. */
    static Ready ensure(LabSettings lab, Podman podman) {
        long start = System.nanoTime();
        String tag = tag(lab);
        Path cache = lab.cacheDir().toAbsolutePath();
        synchronized (IN_PROCESS) {
            try {
                Files.createDirectories(cache);
                try (FileChannel ch = FileChannel.open(cache.resolve("image.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    boolean built = !podman.run("image", "exists", tag).ok();
                    if (built) build(lab, podman, tag, cache);
                    return new Ready(tag, built, Duration.ofNanos(System.nanoTime() - start));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("lab.cache-dir: cannot use " + cache, e);
            }
        }
    }

    private static void build(LabSettings lab, Podman podman, String tag, Path cache) throws IOException {
        String name = tag.substring(tag.indexOf(':') + 1);
        Path tar = cache.resolve("build-" + name + ".tar");
        Path log = cache.resolve("build-" + name + ".log");
        List<String> argv = new ArrayList<>(List.of("mmdebstrap", "--variant=minbase", "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
                "--include=" + String.join(",", lab.packages()),
                // The image keeps the package index it was built from: a host's `apt-get update`
                // through the lab's proxy then only revalidates it (If-Modified-Since) instead of
                // fetching and parsing ~10 MB per host, which was most of a lab host's configure.
                "--skip=cleanup/apt/lists"));
        HOOKS.forEach(h -> argv.add("--customize-hook=" + h));
        argv.addAll(List.of(lab.suite(), tar.toString(), lab.sources().toAbsolutePath().toString()));
        try {
            Exec.logged(argv, log);
            podman.check("import", "--message", "flotilla lab image " + name, tar.toString(), tag);
        } finally {
            Files.deleteIfExists(tar);
        }
    }
}
