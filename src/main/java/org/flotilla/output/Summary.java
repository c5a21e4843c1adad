package org.flotilla.output;

import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;

import java.io.PrintStream;
import java.util.Map;

/** The end of a pass: how many hosts are READY, and every failed host with why. */
public final class Summary {
    private Summary() {
    }

    public static void print(PrintStream out, Run run, Outcome outcome, int required) {
        print(out, run, outcome, required, true);
    }

    /** @param configured false after `up --no-configure`: "ready" then means running */
    public static void print(PrintStream out, Run run, Outcome outcome, int required, boolean configured) {
        String done = configured ? " ready" : " running (not configured: --no-configure; `flotilla configure` configures them)";
        out.println(outcome.total() + " hosts: " + outcome.ready() + done + ", " + outcome.failed().size() + " failed"
                + (outcome.meets(required) ? "" : " (provision.min-ready needs " + required + (configured ? " ready)" : " running)")));
        int width = outcome.failed().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> f : outcome.failed().entrySet()) {
            out.println("  " + pad(f.getKey(), width) + "  FAILED  " + f.getValue());
        }
        if (!outcome.failed().isEmpty()) out.println("host logs: " + run.dir().resolve("hosts"));
    }

    static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
