package org.flotilla.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What is known of a provider by its name alone, before (or without) launching anything: the
 * capabilities that the rest of Flotilla asks instead of comparing provider names, as Ansible's
 * connection plugins declare {@code has_pipelining}. The provider of that name shares it
 * ({@code Provider.kind()}). It lives in config/ because the CLI needs it from the settings
 * alone, and every layer may import config/.
 */
public enum ProviderKind {
    /** SSH servers inside the daemon's process, on loopback. */
    LOCAL("local"),
    /** Existing hosts listed in the config (fixed.hosts), left as they were found. */
    FIXED("fixed"),
    /** EC2 instances (or an emulator of the API). */
    EC2("ec2"),
    /**
     * Bare Debian containers on this machine, each in a network namespace of its own. Podman's
     * conmon and the jump host's relay outlive the process that started them, so a later process can
     * configure the hosts or take them down from the journal.
     */
    LAB("lab");

    private final String name;

    ProviderKind(String name) {
        this.name = name;
    }

    /** The name `provider = ...` gives it in the config and the journal. */
    public String configName() {
        return name;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ProviderKind::configName).toList();
    }

    /** The kind of this name, empty for a name no provider has (a journal of a future Flotilla). */
    public static Optional<ProviderKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.name.equals(name)).findFirst();
    }

    /**
     * Whether the hosts survive this process (cloud and fixed hosts) or die with it (local
     * hosts): a foreground `up` ends its hosts on exit only when they would die anyway, and
     * without a live daemon there is nothing left to configure, push to or record as running.
     */
    public boolean hostsOutliveProcess() {
        return this != LOCAL;
    }

    /** Whether the hosts take this machine's memory, threads and ports, so `up` checks they fit before it launches. */
    public boolean hostsShareThisMachine() {
        return this == LOCAL;
    }

    /** Whether `down` only lets hosts go (existing hosts): what the run left on them, its crontab, is removed first. */
    public boolean releasesHosts() {
        return this == FIXED;
    }

    /**
     * Whether, without ssh.key, the run makes a key of its own (runs/&lt;id&gt;/ssh/) and the hosts
     * it starts accept it, so no key of the user's need exist; hosts Flotilla did not start are
     * logged in to with ssh.key or the user's default key.
     */
    public boolean runMakesLoginKey() {
        return this == LOCAL || this == LAB || this == EC2;
    }

    /**
     * Whether the hosts are Flotilla's own SSH servers, which accept the run's key alone whatever
     * ssh.key says (EC2 instances accept ssh.key when it is set: their user-data authorizes it).
     */
    public boolean hostsAcceptOnlyTheRunKey() {
        return this == LOCAL;
    }

    /** Whether the hosts are the ones fixed.hosts lists (so they set each role's count, and each may bring its own key). */
    public boolean hostsListedInConfig() {
        return this == FIXED;
    }

    /**
     * Whether the hosts are this machine, their commands run as the user running Flotilla: become
     * changes nothing there, and a recipe's packages are installed on this machine (when that
     * user is root) rather than on a host of their own.
     */
    public boolean hostsAreThisMachine() {
        return this == LOCAL;
    }

    /** Whether the hosts run a cron daemon, so a test may start by cron (local and lab hosts have none: sshd is a lab host's only daemon). */
    public boolean hostsRunCron() {
        return this != LOCAL && this != LAB;
    }

    /**
     * The programs this machine must have (on PATH or in /usr/sbin) for the provider to start
     * hosts, and the Debian packages that bring them: `up` checks before it launches anything.
     * The lab runs them as root.
     */
    public java.util.Map<String, String> tools() {
        if (this != LAB) return java.util.Map.of();
        return java.util.Map.of("podman", "podman", "runc", "runc", "mmdebstrap", "mmdebstrap", "socat", "socat",
                "nsenter", "util-linux", "setsid", "util-linux", "ip", "iproute2", "nft", "nftables");
    }

    /**
     * Whether the provider runs the jump host every connection goes through (the lab: its hosts'
     * addresses exist only inside its namespaces), so ssh.jump has no place.
     */
    public boolean runsItsOwnJumpHost() {
        return this == LAB;
    }

    /** Whether the provider shapes each role's link as lab.links says (its hosts' network is its own to shape). */
    public boolean shapesLinks() {
        return this == LAB;
    }

    /** Whether the hosts power off and terminate by themselves after ec2.ttl, which `up` says. */
    public boolean hostsSelfDestruct() {
        return this == EC2;
    }
}
