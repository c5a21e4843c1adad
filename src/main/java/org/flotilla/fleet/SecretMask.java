package org.flotilla.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secret values this process knows, and the one place that hides them: every line Flotilla
 * writes (host logs, the journal, the terminal, a daemon's log) passes through {@link #apply},
 * as a CI runner masks its secrets in every log line. Values are added as soon as they are read
 * or made, so nothing written afterwards can carry one.
 */
public final class SecretMask {
    /** What stands in a line where a secret was. */
    public static final String MASK = "***";
    // Shorter values would mask ordinary words; the run's own secrets are 24 characters.
    private static final int SHORTEST = 6;
    private static final List<String> VALUES = new CopyOnWriteArrayList<>();

    private SecretMask() {
    }

    public static void add(String value) {
        if (value == null || value.length() < SHORTEST || VALUES.contains(value)) return;
        VALUES.add(value);
    }

    public static String apply(String text) {
        if (text == null || VALUES.isEmpty()) return text;
        String out = text;
        for (String v : VALUES) {
            if (out.contains(v)) out = out.replace(v, MASK);
        }
        return out;
    }
}
