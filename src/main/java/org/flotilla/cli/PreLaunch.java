package org.flotilla.cli;

import org.flotilla.config.ConfigError;
import org.flotilla.config.FixedSettings;
import org.flotilla.config.KeyOrigins;
import org.flotilla.config.LabLink;
import org.flotilla.config.ProviderKind;
import org.flotilla.config.Settings;
import org.flotilla.provider.lab.Netem;
import org.flotilla.ssh.ClientKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What `up` (and `test`) check before they create a run directory or launch anything, beyond
 * the config's own validation: what depends on this machine (the login key, room for local
 * hosts) and on rendering (templates). Each failure is a config error: exit 2, nothing launched.
 */
final class PreLaunch {
    private PreLaunch() {
    }

    static void check(Settings settings, KeyOrigins origins) {
        loginKeys(settings);
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        tools(settings, path, isRoot());
        links(settings, origins, path, Netem::missing);
        if (settings.providerKind().hostsShareThisMachine()) localCapacity(settings, LocalCapacity.ofThisProcess());
        new TemplateCheck(settings, origins).check();
    }

    /**
     * Hosts are logged in to with ssh.key when it is set; hosts Flotilla did not start (fixed) else
     * with the user's default key or a host's own: each is loaded now, so that a missing or unreadable key stops
     * `up` here instead of in the daemon after the run is made.
     */
    static void loginKeys(Settings settings) {
        if (settings.providerKind().runMakesLoginKey() && settings.ssh().key().isEmpty()) return; // the run makes its own
        boolean everyHostHasItsOwn = settings.providerKind().hostsListedInConfig()
                && settings.fixed().hosts().stream().allMatch(h -> h.key().isPresent());
        try {
            if (!everyHostHasItsOwn || settings.ssh().jump().isPresent()) ClientKey.load(ClientKey.forLogin(settings.ssh().key()), settings.ssh().keyPassphraseEnv());
            for (FixedSettings.FixedHost h : settings.fixed().hosts()) {
                if (h.key().isPresent()) ClientKey.load(h.key().get(), settings.ssh().keyPassphraseEnv());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage() + " (the " + settings.provider() + " provider's hosts are logged in to with it)");
        }
    }

    /** The programs the provider needs (the lab's podman, mmdebstrap, ...), and root where it runs them. */
    static void tools(Settings settings, String path, boolean root) {
        Map<String, String> tools = new HashMap<>(settings.providerKind().tools());
        if (settings.providerKind() == ProviderKind.LAB) tools.putAll(settings.lab().tools());
        if (tools.isEmpty()) return;
        Set<String> packages = new TreeSet<>();
        List<String> missing = tools.keySet().stream().sorted()
                .filter(t -> !onPath(t, path))
                .peek(t -> packages.add(tools.get(t))).toList();
        if (!missing.isEmpty()) {
            throw new ConfigError("provider = " + settings.provider() + " needs " + String.join(", ", missing)
                    + " on this machine: apt-get install " + String.join(" ", packages));
        }
        if (!root) throw new ConfigError("provider = " + settings.provider() + " makes network namespaces and containers: run Flotilla as root");
    }

    /**
     * What the lab's links need of this machine: netem in the kernel for a delay (asked only when one is set),
     * nftables for a loss. A link the machine cannot make is refused at its key, before anything is launched.
     */
    static void links(Settings settings, KeyOrigins origins, String path, Supplier<Optional<String>> netemMissing) {
        if (!settings.providerKind().shapesLinks()) return;
        for (LabLink link : settings.lab().links().values()) {
            String key = "lab.links." + link.role();
            if (link.delays()) {
                Optional<String> why = netemMissing.get();
                if (why.isPresent()) throw new ConfigError(origins.where("lab", "links", link.role(), "delay") + key + ".delay: " + why.get());
            }
            if (link.loss().signum() > 0 && !onPath("nft", path)) {
                throw new ConfigError(origins.where("lab", "links", link.role(), "loss") + key + ".loss: needs nft on this machine: apt-get install nftables");
            }
        }
    }

    private static boolean onPath(String tool, String path) {
        return Arrays.stream(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void localCapacity(Settings settings, LocalCapacity capacity) {
        List<String> shortfalls = capacity.shortfalls(settings.hostCount());
        if (shortfalls.isEmpty()) return;
        String roles = settings.roles().stream().map(r -> r.name() + " " + r.count()).collect(Collectors.joining(", "));
        throw new ConfigError("roles: " + settings.hostCount() + " local hosts (" + roles + ") do not fit on this machine: "
                + String.join("; ", shortfalls) + ". The local provider runs every host in one process; "
                + "use fewer hosts, or another provider");
    }
}
