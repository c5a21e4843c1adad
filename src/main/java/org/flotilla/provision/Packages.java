package org.flotilla.provision;

import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.ssh.Become;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's packages on one host, the way the `apt` module of Ansible does it: one exec checks
 * which are installed (dpkg-query or rpm -q) and installs only the missing ones with the host's
 * own package manager (apt-get on Debian and Ubuntu, dnf else yum on RPM systems), running
 * `apt-get update` first only then. Nothing missing: no package-manager call. The package
 * manager's lock held by another process (cloud-init, unattended-upgrades, another host's
 * install on a shared machine) is waited for with backoff up to provision.package-timeout;
 * transient mirror errors are retried; a name the manager does not know fails the host.
 */
final class Packages {
    /** Exit code of the script when packages are missing and it was told only to check. */
    private static final int MISSING = 3;
    private static final int TRANSIENT_ATTEMPTS = 4;
    private static final Pattern HOLDER = Pattern.compile("(?:Could not get lock|Unable to acquire the dpkg[^\\n]*lock)[^\\n]*?(/\\S+?)[.,]?\\s[^\\n]*?held by process (\\d+)(?: \\(([^)]*)\\))?");
    private static final Pattern LOCK = Pattern.compile("Could not get lock|Unable to acquire the dpkg|Unable to lock the administration directory");
    private static final Pattern UNKNOWN = Pattern.compile("(?m)^.*(?:Unable to locate package (\\S+)|No match for argument: (\\S+)|Unable to find a match: (\\S+)|No package (\\S+) available).*$");
    private static final Pattern TRANSIENT = Pattern.compile("Temporary failure resolving|Could not resolve|Could not connect|Connection failed|Connection timed out"
            + "|Failed to fetch|Hash Sum mismatch|Some index files failed to download|Unable to fetch some archives|503\\s+Service Unavailable"
            + "|Cannot download|Curl error|Failed to download metadata");

    private static final String APT = """
            mode=$1; update=$2; shift 2; missing=
            for p do dpkg-query -W -f='${Status}\\n' "$p" 2>/dev/null | grep -qx 'install ok installed' || missing="$missing $p"; done
            if [ -z "$missing" ]; then echo flotilla-none-missing; exit 0; fi
            echo "flotilla-missing:$missing"
            [ "$mode" = install ] || exit 3
            export DEBIAN_FRONTEND=noninteractive
            if [ "$update" = 1 ]; then apt-get -q -y update || exit $?; echo flotilla-updated; fi
            apt-get -q -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install --no-install-recommends $missing || exit $?
            dpkg-query -W -f='flotilla-version: ${Package} ${Version}\\n' $missing
            """;
    private static final String RPM = """
            mode=$1; update=$2; shift 2; missing=
            for p do rpm -q "$p" >/dev/null 2>&1 || missing="$missing $p"; done
            if [ -z "$missing" ]; then echo flotilla-none-missing; exit 0; fi
            echo "flotilla-missing:$missing"
            [ "$mode" = install ] || exit 3
            if command -v dnf >/dev/null 2>&1; then pm=dnf; else pm=yum; fi
            $pm -y install $missing || exit $?
            rpm -q --qf 'flotilla-version: %{NAME} %{VERSION}-%{RELEASE}\\n' $missing
            """;

    private final Host host;
    private final HostLog log;
    private final Duration timeout;

    Packages(Host host, HostLog log, Duration timeout) {
        this.host = host;
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * @param sudo  how to become root, or null when the login is root
     * @param local whether the host is this machine (the local provider): then a non-root Flotilla fails fast
     */
    void ensure(Remote remote, HostFacts facts, List<String> names, Become sudo, boolean local) throws StepFailure {
        if (names.isEmpty()) return;
        String script = script(facts);
        boolean root = facts.uid() == 0;
        boolean canInstall = root || sudo != null && !local;
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = 1000;
        boolean updated = false;
        int transients = 0;
        while (true) {
            List<String> words = new ArrayList<>(List.of("sh", "-c", script, "sh", canInstall ? "install" : "check", updated ? "0" : "1"));
            words.addAll(names);
            String line = String.join(" ", words.stream().map(ShellWords::quote).toList());
            ExecResult r;
            try {
                r = remote.exec(root || !canInstall ? line : sudo.prefix() + " " + line);
            } catch (IOException e) {
                throw new StepFailure("packages: " + e.getMessage(), e);
            }
            String out = r.stdout();
            if (out.contains("flotilla-updated")) updated = true;
            if (r.ok() && out.contains("flotilla-none-missing")) {
                log.write(host, "packages: " + String.join(", ", names) + " already installed: no package-manager call");
                return;
            }
            List<String> missing = missing(out);
            if (r.ok()) {
                List<String> versions = out.lines().filter(l -> l.startsWith("flotilla-version: "))
                        .map(l -> l.substring("flotilla-version: ".length())).toList();
                log.write(host, "packages installed: " + String.join(", ", versions)
                        + "\n--- output\n" + out.stripTrailing() + (r.stderr().isBlank() ? "" : "\n--- stderr\n" + r.stderr().stripTrailing()));
                return;
            }
            if (r.exitCode() == MISSING && !canInstall) {
                String all = String.join(" ", missing);
                if (local) {
                    throw new StepFailure("packages missing on this machine (local hosts share it): " + String.join(", ", missing)
                            + "; Flotilla does not run as root to install them: run `apt-get install -y " + all + "` as root", null);
                }
                throw new StepFailure("packages need root: set become = true (missing: " + String.join(", ", missing) + ")", null);
            }
            if (Become.wantsPassword(r.stderr())) throw new StepFailure("sudo needs a password for " + facts.user() + " on " + host.address(), null);
            String text = r.stderr() + "\n" + out;
            log.write(host, "packages: exit " + r.exitCode() + "\n--- output\n" + out.stripTrailing() + "\n--- stderr\n" + r.stderr().stripTrailing());
            Verdict verdict = classify(text);
            if (verdict.kind() == Verdict.Kind.LOCKED) {
                long wait = Math.min(backoffMs, 10_000) + ThreadLocalRandom.current().nextLong(250);
                if (System.nanoTime() + wait * 1_000_000 > deadline) {
                    throw new StepFailure("the package manager's lock is held by " + verdict.detail() + " for longer than provision.package-timeout ("
                            + words(timeout) + ")", null);
                }
                log.write(host, "packages: the lock is held by " + verdict.detail() + "; waiting " + wait + " ms (up to provision.package-timeout, "
                        + words(timeout) + ")");
                sleep(wait);
                backoffMs = Math.min(backoffMs * 2, 10_000);
                continue;
            }
            if (verdict.kind() == Verdict.Kind.UNKNOWN) throw new StepFailure(verdict.detail(), null);
            if (verdict.kind() == Verdict.Kind.TRANSIENT && ++transients < TRANSIENT_ATTEMPTS) {
                long wait = 2000L * transients;
                log.write(host, "packages: the mirror failed (attempt " + transients + " of " + TRANSIENT_ATTEMPTS + "); again in " + wait + " ms");
                updated = false;
                sleep(wait);
                continue;
            }
            throw new StepFailure("installing packages " + String.join(", ", missing) + " failed (exit " + r.exitCode() + "): " + r.lastWords(), null);
        }
    }

    /** What a failed package-manager call means: wait for the lock, a name it does not know, a mirror's hiccup, or else. */
    record Verdict(Kind kind, String detail) {
        enum Kind { LOCKED, UNKNOWN, TRANSIENT, OTHER }
    }

    /** @param text the call's stderr and stdout */
    static Verdict classify(String text) {
        if (LOCK.matcher(text).find()) return new Verdict(Verdict.Kind.LOCKED, holder(text));
        Matcher unknown = UNKNOWN.matcher(text);
        boolean indexFailed = text.contains("Some index files failed to download") || text.contains("Failed to fetch");
        if (unknown.find() && !indexFailed) {
            String name = unknown.group(1) != null ? unknown.group(1) : unknown.group(2) != null ? unknown.group(2)
                    : unknown.group(3) != null ? unknown.group(3) : unknown.group(4);
            return new Verdict(Verdict.Kind.UNKNOWN, "package " + name + " is not known to the package manager: " + unknown.group().strip());
        }
        if (TRANSIENT.matcher(text).find()) return new Verdict(Verdict.Kind.TRANSIENT, "");
        return new Verdict(Verdict.Kind.OTHER, "");
    }

    private static String script(HostFacts facts) throws StepFailure {
        String os = " " + facts.os() + " ";
        if (os.matches(".*[ ](debian|ubuntu)[ ].*")) return APT;
        if (os.matches(".*[ ](rhel|fedora|centos|amzn|rocky|almalinux)[ ].*")) return RPM;
        throw new StepFailure("packages: no package manager known for this system (/etc/os-release ID and ID_LIKE: '"
                + facts.os().strip() + "'; known: debian, ubuntu, rhel, fedora, centos, amzn)", null);
    }

    private static List<String> missing(String out) {
        return out.lines().filter(l -> l.startsWith("flotilla-missing:"))
                .flatMap(l -> java.util.Arrays.stream(l.substring("flotilla-missing:".length()).trim().split("\\s+")))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** "process 1234 (python3) (/var/lib/dpkg/lock-frontend)", or what can be told. */
    static String holder(String text) {
        Matcher m = HOLDER.matcher(text);
        if (m.find()) return "process " + m.group(2) + (m.group(3) != null ? " (" + m.group(3) + ")" : "") + " (" + m.group(1) + ")";
        Matcher lock = Pattern.compile("Could not get lock (/\\S+?)[.,]?\\s").matcher(text);
        return lock.find() ? "another process (" + lock.group(1) + ")" : "another process";
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    private static void sleep(long ms) throws StepFailure {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("packages: interrupted", e);
        }
    }
}
