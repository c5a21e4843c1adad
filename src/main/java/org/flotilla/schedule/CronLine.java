package org.flotilla.schedule;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What may go into one line of a crontab. Cron ends an entry at a newline and turns every
 * unescaped % of its command into one (the rest becomes the command's stdin); a backslash before
 * a % is eaten and there is no way to write a backslash that stays before a %. So a value that
 * came from config or a host (a rendered test command with a `vars` value in it, a pattern, a login
 * directory) could add an entry of its own, run by cron as root. Nothing is pasted raw: a command
 * cron can carry as it is only has its % escaped; any other is carried base64-encoded, which has
 * no character cron reads.
 */
final class CronLine {
    private CronLine() {
    }

    /** The command part of an entry: runs {@code script} with the entry's SHELL, exactly as written. */
    static String command(String script) {
        if (literal(script)) return script.replace("%", "\\%");
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        return "sh -c \"$(echo " + encoded + " | base64 -d)\"";
    }

    /** A comment's text: one line, whatever it is given (control characters shown as \xNN). */
    static String comment(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) b.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        return b.toString();
    }

    /** A field written as it is (SHELL, PATH, the user, a built command): a line break there is a bug upstream. */
    static String field(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a crontab field with a line break: " + comment(text));
        }
        return text;
    }

    private static boolean literal(String script) {
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (Character.isISOControl(c) && c != '\t') return false;
            if (c == '\\' && i + 1 < script.length() && script.charAt(i + 1) == '%') return false;
        }
        return true;
    }
}
