package org.flotilla.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;

/**
 * What a run's journal can say, one record per kind of line. Each line on disk is
 * {"t": when, "event": the record's {@link JsonTypeName}, ...its components}; {@link JournalCodec}
 * writes and reads them, so a field renamed here is renamed for writer and reader at once, and
 * the names on disk are the ones earlier versions wrote (fixtures/journal holds such journals).
 * A null component is left out of the line.
 */
public sealed interface JournalEvent {

    /** The run's first line. */
    @JsonTypeName("run")
    record RunStarted(String run, String provider, int hosts, long pid) implements JournalEvent {
    }

    /** The links the provider shaped, by role, as the report's header lists them ("client" -> "100mbit, 2% loss"). */
    @JsonTypeName("links")
    record LinksShaped(java.util.Map<String, String> roles) implements JournalEvent {
    }

    /** The provider named a host (before it runs): from here on `down` can find it. */
    @JsonTypeName("host")
    record HostNamed(String host, String role, int index, @JsonProperty("provider-id") String providerId, String user)
            implements JournalEvent {
        public static HostNamed of(Host h) {
            return new HostNamed(h.id(), h.role(), h.index(), h.providerId(), h.user());
        }
    }

    /**
     * A host reached a state; BOOTING carries the address it runs at.
     *
     * @param error why it FAILED or was INTERRUPTED, or null
     */
    @JsonTypeName("state")
    record StateChanged(String host, HostState state, String address, Integer port, String error) implements JournalEvent {
    }

    /** The host key a run accepted for an endpoint ("[address]:port"), in OpenSSH's public key format. */
    @JsonTypeName("host-key")
    record HostKeyPinned(String host, String endpoint, String key) implements JournalEvent {
    }

    /** What the provider had to say at the end of `up` (e.g. API calls made). */
    @JsonTypeName("report")
    record ProviderReport(List<String> lines) implements JournalEvent {
    }

    /** `up` is over: so many hosts READY (running, when not configured) of those required. */
    @JsonTypeName("provisioned")
    record Provisioned(int ready, int failed, int required, boolean configured) implements JournalEvent {
    }

    /**
     * When one host ran one test (and pattern), by the host's own clock, and how it ended;
     * analysis cuts its segments from these.
     *
     * @param start null when the host never started it
     * @param exit  the command's exit code; -1 when it never reported one
     * @param error why the host failed the test, or null
     */
    @JsonTypeName("window")
    @JsonPropertyOrder({"test", "pattern", "host", "role", "start", "end", "exit", "error"}) // as earlier versions wrote it
    record Window(String host, String role, String test, String pattern, Instant start, Instant end, int exit, String error,
                  Double clockOffsetMs) implements JournalEvent {
        /** A window whose host's clock offset is unknown (it never got to its start instant). */
        public Window(String host, String role, String test, String pattern, Instant start, Instant end, int exit, String error) {
            this(host, role, test, pattern, start, end, exit, error, null);
        }

        public boolean ok() {
            return exit == 0 && error == null;
        }
    }

    /** `configure` began on so many hosts. */
    @JsonTypeName("configure")
    record ConfigureStarted(int hosts) implements JournalEvent {
    }

    /** `push` began for these roles' hosts. */
    @JsonTypeName("push")
    record PushStarted(List<String> roles, int hosts) implements JournalEvent {
    }

    /** `push` ended: files uploaded, hosts reloaded, and the hosts it failed on. */
    @JsonTypeName("pushed")
    record Pushed(int uploaded, int reloaded, List<String> failed) implements JournalEvent {
    }

    /** The daemon's look for hosts gone without `down` failed (tried again at the next interval). */
    @JsonTypeName("watch")
    record WatchFailed(String error) implements JournalEvent {
    }

    /**
     * `down` went through.
     *
     * @param reason why the daemon tore the fleet down by itself (idle-stop), or null for a user's `down`
     */
    @JsonTypeName("down")
    record Down(String reason, int terminated, int failed) implements JournalEvent {
    }
}
