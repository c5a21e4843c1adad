package org.flotilla.analysis.report;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium with the flags shared/TESTBED.md gives (it tries to reach the internet
 * without the background-networking ones). Missing Chromium skips a test only for a developer who
 * is not root; CI runs as root and installs it (.ci/run), so there a missing one fails.
 */
final class Chromium {
    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    static Chromium find(Path tmp) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : new String[]{"chromium", "chromium-browser"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return new Chromium(p, Files.createDirectories(tmp.resolve("chromium-profile")));
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) throw new AssertionError("chromium is not installed (apt-get install -y chromium; .ci/run does it)");
        Assumptions.abort("chromium is not installed and we are not root: skipping the HTML report check (apt-get install -y chromium)");
        return null;
    }

    /** The page's DOM after its load event and scripts ran. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", "--virtual-time-budget=5000", page.toUri().toString()));
    }

    void screenshot(Path page, Path png) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png, "--window-size=1200,2400", "--virtual-time-budget=5000", page.toUri().toString()));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        if (p.exitValue() != 0) throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
        return new String(out, StandardCharsets.UTF_8);
    }
}
