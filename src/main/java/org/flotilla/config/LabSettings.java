package org.flotilla.config;

import com.typesafe.config.Config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lab provider: bare Debian containers on this machine, each in a network namespace of its
 * own behind a bridge in the run's lab namespace.
 *
 * @param cacheDir the lab's own container storage and images, shared by runs (never podman's global defaults)
 * @param sources  the apt sources file mmdebstrap builds the image from
 * @param links    each role's link to the lab bridge, by role (roles without one are not shaped)
 * @param packageProxy whether the lab runs a caching package proxy the hosts' apt goes through (their only way out)
 */
public record LabSettings(Path cacheDir, LabSubnet subnet, String suite, List<String> packages, Path sources,
                          Map<String, LabLink> links, boolean packageProxy) {
    /** What a host cannot do without: it boots through cloud-init, is reached over SSH and its login gets root through sudo. */
    private static final List<String> REQUIRED = List.of("openssh-server", "sudo", "cloud-init");
    /** Where a Debian machine keeps its own sources, newest format first. */
    private static final List<Path> MACHINE_SOURCES = List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"));

    /** Reads lab.*; checks what needs the provider only when it is the one chosen. */
    static LabSettings from(Config c, boolean chosen, List<RoleSpec> roles) {
        int hosts = roles.stream().mapToInt(RoleSpec::count).sum();
        String cache = c.getString("lab.cache-dir").trim();
        if (cache.isEmpty()) throw ConfigError.at(c.getValue("lab.cache-dir").origin(), "lab.cache-dir", "must name a directory");
        LabSubnet subnet;
        try {
            subnet = LabSubnet.parse(c.getString("lab.subnet").trim());
        } catch (IllegalArgumentException e) {
            throw ConfigError.at(c.getValue("lab.subnet").origin(), "lab.subnet", e.getMessage());
        }
        if (chosen && hosts > subnet.capacity()) {
            throw ConfigError.at(c.getValue("lab.subnet").origin(), "lab.subnet",
                    "has room for " + subnet.capacity() + " hosts, the roles ask for " + hosts + "; take a wider one (e.g. /16)");
        }
        String suite = c.getString("lab.image.suite").trim();
        if (!suite.matches("[a-z][a-z0-9-]*")) {
            throw ConfigError.at(c.getValue("lab.image.suite").origin(), "lab.image.suite", "expected a Debian suite name like bookworm, got '" + suite + "'");
        }
        List<String> packages = Settings.strings(c, "lab.image.packages").stream().map(String::trim).toList();
        for (String p : packages) {
            if (!p.matches("[a-z0-9][a-z0-9+.-]+")) {
                throw ConfigError.at(c.getValue("lab.image.packages").origin(), "lab.image.packages", "'" + p + "' is not a Debian package name");
            }
        }
        for (String needed : REQUIRED) {
            if (!packages.contains(needed)) {
                throw ConfigError.at(c.getValue("lab.image.packages").origin(), "lab.image.packages",
                        "must include " + needed + " (hosts boot through cloud-init and are reached over SSH as a sudoer)");
            }
        }
        Path sources = sources(c, chosen);
        Map<String, LabLink> links = LabLink.all(c, roles.stream().map(RoleSpec::name).collect(Collectors.toSet()));
        return new LabSettings(Paths.expand(cache), subnet, suite, packages, sources, links, c.getBoolean("lab.packages.proxy"));
    }

    /** Each role's link as a report lists it, by role: "client" -> "100mbit, 2% loss". */
    public Map<String, String> shownLinks() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        links.forEach((role, link) -> out.put(role, link.shown()));
        return out;
    }

    /** The programs the lab needs on this machine beyond the provider's own (ProviderKind.tools), and their packages. */
    public Map<String, String> tools() {
        return packageProxy ? Map.of("apt-cacher-ng", "apt-cacher-ng", "flock", "util-linux") : Map.of();
    }

    private static Path sources(Config c, boolean chosen) {
        String text = c.getString("lab.image.sources").trim();
        if (!text.isEmpty()) {
            Path file = Paths.expand(text);
            if (chosen && !Files.isRegularFile(file)) {
                throw ConfigError.at(c.getValue("lab.image.sources").origin(), "lab.image.sources", "no file " + file);
            }
            return file;
        }
        Path found = MACHINE_SOURCES.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (chosen && found == null) {
            throw ConfigError.at(c.getValue("lab.image.sources").origin(), "lab.image.sources",
                    "this machine has neither " + MACHINE_SOURCES.get(0) + " nor " + MACHINE_SOURCES.get(1) + "; name an apt sources file");
        }
        return found == null ? MACHINE_SOURCES.get(0) : found;
    }
}
