package org.flotilla.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When one host ran one test (and pattern), by the host's own clock, and how it ended.
 * The journal keeps these; analysis cuts its segments from them.
 *
 * @param exit the command's exit code; -1 when it never reported one
 * @param error why the host failed the test, or null
 */
public record Window(String host, String role, String test, String pattern, Instant start, Instant end, int exit,
                     String error) {

    public boolean ok() {
        return exit == 0 && error == null;
    }

    /** The journal event's fields: {"event":"window","test","pattern","host","role","start","end","exit"}. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", test);
        m.put("pattern", pattern);
        m.put("host", host);
        m.put("role", role);
        m.put("start", start == null ? null : start.toString());
        m.put("end", end == null ? null : end.toString());
        m.put("exit", exit);
        m.put("error", error);
        return m;
    }
}
