package org.flotilla.ssh;

/** What a remote command did. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The last non-blank line of stderr, else of stdout: what a summary line shows. */
    public String lastWords() {
        String s = lastLine(stderr);
        return s.isEmpty() ? lastLine(stdout) : s;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.length() > 200 ? last.substring(0, 200) + "..." : last;
    }
}
