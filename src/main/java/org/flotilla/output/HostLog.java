package org.flotilla.output;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;

/** Writes to runs/&lt;id&gt;/hosts/&lt;host&gt;.log: every step, exit code, stdout and stderr of one host. */
public final class HostLog {
    private static final Logger LOG = LogManager.getLogger("flotilla.host");
    private final Run run;

    public HostLog(Run run) {
        this.run = run;
    }

    public void write(Host host, String message) {
        write(host.id(), message);
    }

    public void write(String hostId, String message) {
        String previous = ThreadContext.get("hostLog");
        ThreadContext.put("hostLog", run.hostLog(hostId).toAbsolutePath().toString());
        try {
            LOG.info(message);
        } finally {
            if (previous == null) ThreadContext.remove("hostLog");
            else ThreadContext.put("hostLog", previous);
        }
    }
}
