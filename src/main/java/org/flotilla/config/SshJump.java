package org.flotilla.config;

import java.util.Optional;

/**
 * ssh.jump: the host every connection of the run goes through, as OpenSSH's ProxyJump names it,
 * {@code [user@]host[:port]} ({@code [v6-address]:port} for IPv6). One hop: a chain of jumps is
 * a bastion's business, not the fleet's.
 *
 * @param user the login on the jump host (ssh.user when the value names none)
 * @param port 22 when the value names none, as for OpenSSH's ProxyJump
 */
public record SshJump(String user, String address, int port) {

    /** "user@host:port", as the user would write it back. */
    public String endpoint() {
        return user + "@" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /** Empty for "": no jump. A value that is not one host is an exception saying why. */
    static Optional<SshJump> parse(String text, String defaultUser) {
        String t = text.strip();
        if (t.isEmpty()) return Optional.empty();
        if (t.contains(",")) throw new IllegalArgumentException("one jump host only, got '" + Shown.of(t) + "'");
        String user = defaultUser;
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            user = t.substring(0, at);
            t = t.substring(at + 1);
            String problem = SshTarget.userProblem(user);
            if (user.isEmpty()) problem = "the user before '@' is empty";
            if (problem != null) throw new IllegalArgumentException(problem);
        }
        String host = t;
        int port = 22;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("'" + Shown.of(t) + "' opens '[' but does not close it");
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("expected ':port' after ']', got '" + Shown.of(rest) + "'");
                port = port(rest.substring(1));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(t.substring(t.indexOf(':') + 1));
        } else if (t.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write an IPv6 jump host in brackets: user@[" + Shown.of(t) + "]:22");
        }
        String problem = SshTarget.hostProblem(host);
        if (problem == null) problem = SshTarget.portProblem(port);
        if (problem != null) throw new IllegalArgumentException(problem);
        return Optional.of(new SshJump(user, host, port));
    }

    private static int port(String text) {
        if (!text.matches("[0-9]{1,5}")) throw new IllegalArgumentException("'" + Shown.of(text) + "' is not a port number");
        return Integer.parseInt(text);
    }
}
