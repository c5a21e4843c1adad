package org.flotilla.config;

/**
 * A user's text as an error message shows it: one line, at most 80 characters. A 1 MB line or a
 * binary file quoted whole would bury the message (and fill a terminal).
 */
final class Shown {
    static final int WIDTH = 80;

    private Shown() {
    }

    static String of(String text) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < text.length() && b.length() < WIDTH; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? b + "... (" + text.length() + " characters)" : b.toString();
    }
}
