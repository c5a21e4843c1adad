package org.flotilla.analysis.parse;

/** A line that did not parse: where it is, why, and what it said (cut short). */
public record Problem(String file, long line, String message, String text) {
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }
}
