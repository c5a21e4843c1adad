package org.flotilla.config;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * Empty user and port 0 mean the ssh.* defaults. Read line by line as bytes, so that a line that
 * is not text (a binary file given by mistake) or is far too long is reported with its number.
 */
final class HostsFile {
    private static final Pattern LINE = Pattern.compile("(?:([^@\\s]+)@)?(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]@]+)(?::([0-9]+))?");
    /** Far more than any user@host:port; beyond it the file is not a hosts file. */
    static final int MAX_LINE = 4096;
    private static final String FORMAT = "one host as [user@]address[:port]";

    private HostsFile() {
    }

    static List<FixedSettings.FixedHost> read(Path file, String role) {
        List<FixedSettings.FixedHost> hosts = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b == -1 || b == '\n') {
                    if (b == -1 && line.size() == 0) break;
                    FixedSettings.FixedHost host = host(text(line.toByteArray(), file + ":" + number), file + ":" + number, role);
                    if (host != null) hosts.add(host);
                    if (b == -1) break;
                    line.reset();
                    number++;
                } else if (line.size() < MAX_LINE) {
                    line.write(b);
                } else {
                    throw new ConfigError(file + ":" + number + ": a line longer than " + MAX_LINE + " bytes (it starts '"
                            + Shown.of(new String(line.toByteArray(), StandardCharsets.UTF_8)) + "'); expected " + FORMAT);
                }
            }
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot read the hosts file: " + e.getMessage());
        }
        if (hosts.isEmpty()) {
            throw new ConfigError(file + ": no hosts in the hosts file (only blank lines and comments); expected " + FORMAT + " a line");
        }
        return hosts;
    }

    /** The line as text: UTF-8 without control characters (a tab is a space, a CR before the newline is dropped). */
    private static String text(byte[] bytes, String where) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigError(where + ": not text (bytes that are not UTF-8): is this a hosts file? expected " + FORMAT);
        }
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new ConfigError(where + ": a control character (" + String.format("0x%02x", (int) c) + ") at column " + (i + 1)
                        + ": is this a hosts file? expected " + FORMAT);
            }
        }
        return text;
    }

    /** The host a line names, or null for a blank or comment line. */
    private static FixedSettings.FixedHost host(String line, String where, String role) {
        String text = line;
        int hash = text.indexOf('#');
        if (hash >= 0) text = text.substring(0, hash);
        text = text.strip();
        if (text.isEmpty()) return null;
        Matcher m = LINE.matcher(text);
        if (!m.matches()) throw new ConfigError(where + ": expected " + FORMAT + ", got '" + Shown.of(text) + "'");
        String address = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        String user = m.group(1) == null ? "" : m.group(1);
        int port = 0;
        if (m.group(3) != null) {
            port = m.group(3).length() > 5 ? -1 : Integer.parseInt(m.group(3));
            if (SshTarget.portProblem(port) != null) throw new ConfigError(where + ": port " + Shown.of(m.group(3)) + " is not between 1 and 65535");
        }
        String problem = SshTarget.userProblem(user);
        if (problem == null) problem = SshTarget.hostProblem(address);
        if (problem != null) throw new ConfigError(where + ": " + problem);
        return new FixedSettings.FixedHost(role, address, port, user, Optional.empty(), where);
    }
}
