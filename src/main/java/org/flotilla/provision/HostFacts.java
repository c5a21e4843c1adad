package org.flotilla.provision;

import org.flotilla.ssh.Become;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a host is, learnt in one exec before its recipe runs: the login (uid, name, home), the
 * system (/etc/os-release's ID and ID_LIKE), whether cloud-init is there, and, when the role
 * asks for become, whether `sudo -n` lets the login run things as the become user.
 *
 * @param sudo "ok", "absent" (no sudo), or what sudo said when it refused
 */
public record HostFacts(int uid, String user, String home, String os, boolean cloudInit, String sudo) {

    private static final String PROBE = """
            echo "uid=$(id -u)"; echo "user=$(id -un)"; echo "home=$(pwd)"
            if [ -r /etc/os-release ]; then (. /etc/os-release; echo "os=$ID $ID_LIKE"); fi
            if command -v cloud-init >/dev/null 2>&1; then echo cloud-init=yes; fi
            if [ -n "$1" ] && [ "$1" != "$(id -un)" ]; then
              if ! command -v sudo >/dev/null 2>&1; then echo sudo=absent
              elif out=$(sudo -n -u "$1" -- true 2>&1 </dev/null); then echo sudo=ok
              else echo "sudo=$(printf %s "$out" | tr '\\n' ' ')"; fi
            fi
            """;

    /** @param becomeUser the user become would run things as, or null when the role does not become */
    static HostFacts probe(Remote remote, String becomeUser) throws IOException, StepFailure {
        ExecResult r = remote.exec("sh -c " + ShellWords.quote(PROBE) + " sh " + ShellWords.quote(becomeUser == null ? "" : becomeUser));
        if (!r.ok()) throw new StepFailure("looking at the host (id, pwd, /etc/os-release) failed: exit " + r.exitCode() + ": " + r.lastWords(), null);
        Map<String, String> f = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) f.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        int uid;
        try {
            uid = Integer.parseInt(f.getOrDefault("uid", ""));
        } catch (NumberFormatException e) {
            throw new StepFailure("looking at the host: `id -u` said '" + f.get("uid") + "'", null);
        }
        return new HostFacts(uid, f.getOrDefault("user", ""), f.getOrDefault("home", ""), f.getOrDefault("os", ""),
                f.containsKey("cloud-init"), f.getOrDefault("sudo", "ok"));
    }

    /** Whether become to this user changes anything: not for a login that already is that user. */
    boolean needsSudo(String becomeUser) {
        return !becomeUser.equals(user) && !(uid == 0 && becomeUser.equals("root"));
    }

    /** The failure to report when sudo cannot be used, or null. */
    String sudoProblem(String host) {
        if (sudo.equals("ok")) return null;
        if (sudo.equals("absent")) return "become needs sudo, which " + host + " lacks";
        if (Become.wantsPassword(sudo)) return "sudo needs a password for " + user + " on " + host;
        return "sudo refused " + user + " on " + host + ": " + sudo;
    }
}
