package org.flotilla.ssh;

/** POSIX shell quoting: a value becomes one word whatever it holds. */
public final class ShellWords {
    private ShellWords() {
    }

    public static String quote(String value) {
        if (!value.isEmpty() && value.matches("[A-Za-z0-9_./:=@%+,-]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
