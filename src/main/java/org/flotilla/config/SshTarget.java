package org.flotilla.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fixed host's fields may say: a login name, an address or host name, a port. Every
 * reader must take a host the same way: Java reads "0177.0.0.1" as 177.0.0.1 (decimal) while
 * OpenSSH and getent, through C's inet_aton, read 127.0.0.1 (octal); "127.1" and "0x7f.1" are
 * addresses to inet_aton and host names to a careful reader. So an address is a plain dotted
 * quad or an IPv6 literal, and anything else is a host name by the DNS rules, which also keeps
 * option-like or shell-like text ("-oProxyCommand=...", "a;b") out. Each check returns the
 * problem, or null when the field is fine.
 */
final class SshTarget {
    private SshTarget() {
    }

    static String userProblem(String user) {
        if (user.isEmpty() || user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")) return null;
        return "'" + Shown.of(user) + "' is not a login name (letters, digits, '_', '.', '-'; not starting with '-')";
    }

    static String portProblem(int port) {
        return port >= 1 && port <= 65535 ? null : "port " + port + " is not between 1 and 65535";
    }

    static String hostProblem(String host) {
        if (host.isEmpty()) return "the address is empty";
        if (host.indexOf(':') >= 0) return ipv6(host) ? null : "'" + Shown.of(host) + "' is not an IPv6 address";
        String[] labels = host.endsWith(".") ? host.substring(0, host.length() - 1).split("\\.", -1) : host.split("\\.", -1);
        if (looksNumeric(labels[labels.length - 1])) {
            if (isDottedQuad(host)) return null;
            Long aton = inetAton(host);
            return "'" + Shown.of(host) + "' is not a plain dotted-quad address"
                    + (aton == null ? "" : ": OpenSSH would read it as " + dotted(aton) + " and Java differently")
                    + "; write each of the four numbers in decimal without leading zeros";
        }
        if (host.length() > 253) return "a host name of " + host.length() + " characters (at most 253)";
        for (String label : labels) {
            if (!label.matches("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")) {
                return "'" + Shown.of(host) + "' is neither an address nor a host name (letters, digits and '-' between dots)";
            }
        }
        return null;
    }

    /** 1.2.3.4 exactly: four decimal numbers 0-255, no leading zeros. */
    static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** What inet_aton makes of it (1 to 4 parts, each decimal, 0-octal or 0x-hex), or null. */
    static Long inetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) return null;
        List<Long> values = new ArrayList<>();
        for (String p : parts) {
            try {
                if (p.matches("0[xX][0-9a-fA-F]*")) values.add(p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16));
                else if (p.matches("0[0-7]*")) values.add(Long.parseLong(p, 8));
                else if (p.matches("[1-9][0-9]*")) values.add(Long.parseLong(p));
                else return null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long result = 0;
        int last = values.size() - 1;
        for (int i = 0; i < last; i++) {
            if (values.get(i) > 255) return null;
            result |= values.get(i) << (8 * (3 - i));
        }
        long rest = values.get(last);
        if (rest >= 1L << (8 * (4 - last))) return null;
        return result | rest;
    }

    private static String dotted(long a) {
        return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }

    /** A last label that is a number to inet_aton makes the whole a would-be address. */
    private static boolean looksNumeric(String label) {
        return label.matches("[0-9]+|0[xX][0-9a-fA-F]*");
    }

    /** Hex groups with at most one "::", an optional dotted quad at the end, an optional %zone. */
    static boolean ipv6(String host) {
        String h = host;
        int zone = h.indexOf('%');
        if (zone >= 0) {
            if (!h.substring(zone + 1).matches("[A-Za-z0-9_.-]+")) return false;
            h = h.substring(0, zone);
        }
        int gap = h.indexOf("::");
        if (gap >= 0 && h.indexOf("::", gap + 1) >= 0) return false;
        List<String> groups = new ArrayList<>();
        if (gap >= 0) {
            if (gap > 0) groups.addAll(List.of(h.substring(0, gap).split(":", -1)));
            if (gap + 2 < h.length()) groups.addAll(List.of(h.substring(gap + 2).split(":", -1)));
        } else {
            groups.addAll(List.of(h.split(":", -1)));
        }
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.contains(".")) {
                if (!isDottedQuad(g)) return false;
                count += 2;
            } else if (g.matches("[0-9A-Fa-f]{1,4}")) {
                count++;
            } else {
                return false;
            }
        }
        return gap >= 0 ? count < 8 : count == 8;
    }
}
