package org.flotilla.output;

import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;

import java.io.PrintStream;
import java.util.Map;

/**
 * The one live progress line: booting / configuring / ready / failed. On a terminal it is
 * redrawn in place (at most 10 times a second); elsewhere a line is printed at most every 2 s.
 * With --verbose every state change gets its own line instead.
 */
public final class Progress implements Fleet.Listener {
    private final Fleet fleet;
    private final int total;
    private final PrintStream out;
    private final Verbosity verbosity;
    private final boolean terminal;
    private final long intervalMs;
    private long lastDrawn;
    private String lastLine = "";

    public Progress(Fleet fleet, int total, PrintStream out, Verbosity verbosity) {
        this.fleet = fleet;
        this.total = total;
        this.out = out;
        this.verbosity = verbosity;
        this.terminal = System.console() != null;
        this.intervalMs = terminal ? 100 : 2000;
    }

    @Override
    public void changed(Host host, HostState state, String error) {
        if (verbosity == Verbosity.QUIET || state == HostState.TERMINATED) return;
        if (verbosity == Verbosity.VERBOSE) {
            synchronized (this) {
                out.println(host.id() + " " + state + (host.hasAddress() ? " " + host.endpoint() : "")
                        + (error != null ? ": " + error : ""));
            }
            return;
        }
        draw(false);
    }

    /** Draws now, or when the interval has passed; {@code done} ends the line. */
    public synchronized void draw(boolean done) {
        if (verbosity != Verbosity.NORMAL) return;
        long now = System.currentTimeMillis();
        if (!done && now - lastDrawn < intervalMs) return;
        String line = line();
        if (!terminal && line.equals(lastLine) && !done) return;
        lastDrawn = now;
        lastLine = line;
        if (terminal) {
            out.print("\r" + line + "\u001b[K" + (done ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String line() {
        Map<HostState, Integer> c = fleet.counts();
        return ProgressLine.of(total, state -> c.getOrDefault(state, 0));
    }
}
