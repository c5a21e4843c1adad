package org.flotilla.config;

/** What to do with a host key the provider could not pin. */
public enum HostKeyPolicy {
    /** Record on first contact in the run's known_hosts, enforce afterwards. */
    ACCEPT_NEW,
    /** Must already be in the user's known_hosts. */
    STRICT;

    public static HostKeyPolicy parse(String s) {
        return switch (s) {
            case "accept-new" -> ACCEPT_NEW;
            case "strict" -> STRICT;
            default -> throw new IllegalArgumentException("expected accept-new or strict, got '" + s + "'");
        };
    }
}
