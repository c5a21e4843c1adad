package org.flotilla.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain inventory, parallel-ssh's `-h` format: one `[user@]address[:port]` a line (an IPv6
 * address in brackets when a port follows), `#` starts a comment, blank lines are ignored.
 * Empty user and port 0 mean the ssh.* defaults.
 */
final class HostsFile {
    private static final Pattern LINE = Pattern.compile("(?:([^@\\s]+)@)?(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]@]+)(?::([0-9]+))?");

    private HostsFile() {
    }

    static List<FixedSettings.FixedHost> read(Path file, String role) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot read the hosts file: " + e.getMessage());
        }
        List<FixedSettings.FixedHost> hosts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            if (hash >= 0) text = text.substring(0, hash);
            text = text.strip();
            if (text.isEmpty()) continue;
            String where = file + ":" + (i + 1);
            Matcher m = LINE.matcher(text);
            if (!m.matches()) {
                throw new ConfigError(where + ": expected one host as [user@]address[:port], got '" + text + "'");
            }
            String address = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            int port = 0;
            if (m.group(3) != null) {
                try {
                    port = Integer.parseInt(m.group(3));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) throw new ConfigError(where + ": port " + m.group(3) + " is not between 1 and 65535");
            }
            hosts.add(new FixedSettings.FixedHost(role, address, port, m.group(1) == null ? "" : m.group(1), Optional.empty(), where));
        }
        return hosts;
    }
}
