package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 provider. Credentials are not here on purpose: they come from the AWS default chain
 * (environment, {@code profile}, instance role), never from config.
 *
 * @param endpoint     an API URL override, for emulators; empty for AWS itself
 * @param roleTypes    instance types by role, over {@code instanceTypes}; each list is tried in order
 * @param userData     a FreeMarker cloud-init template under resources-dir; empty for the built-in one
 */
public record Ec2Settings(String region, String profile, Optional<URI> endpoint, String image,
                          List<String> instanceTypes, Map<String, List<String>> roleTypes,
                          List<String> subnets, List<String> zones, List<String> securityGroups, String sshCidr,
                          String keyPair, String user, Market market, String maxPrice,
                          Map<String, String> tags, Optional<Path> userData, Duration ttl,
                          AddressKind address, int batchSize, int apiAttempts, Duration teardownTimeout) {

    /** Where instances come from: on-demand, spot, or spot falling back to on-demand when spot capacity is refused. */
    public enum Market {
        ON_DEMAND, SPOT, SPOT_THEN_ON_DEMAND;

        static Market parse(String s) {
            return switch (s) {
                case "on-demand" -> ON_DEMAND;
                case "spot" -> SPOT;
                case "spot-then-on-demand" -> SPOT_THEN_ON_DEMAND;
                default -> throw new IllegalArgumentException("expected on-demand, spot or spot-then-on-demand, got '" + s + "'");
            };
        }
    }

    /** Which of an instance's addresses Flotilla connects to. */
    public enum AddressKind {
        PUBLIC_IP, PRIVATE_IP, PUBLIC_DNS;

        static AddressKind parse(String s) {
            return switch (s) {
                case "public-ip" -> PUBLIC_IP;
                case "private-ip" -> PRIVATE_IP;
                case "public-dns" -> PUBLIC_DNS;
                default -> throw new IllegalArgumentException("expected public-ip, private-ip or public-dns, got '" + s + "'");
            };
        }
    }

    /** The instance types to try for a role, in order. */
    public List<String> typesOf(String role) {
        return roleTypes.getOrDefault(role, instanceTypes);
    }

    /** An emulator on this machine: its instances' addresses are made up and must never be contacted. */
    public boolean emulated() {
        return endpoint.map(u -> isLoopback(u.getHost())).orElse(false);
    }

    static boolean isLoopback(String host) {
        if (host == null) return false;
        if (host.equals("localhost")) return true;
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) return false; // a name: do not resolve it to decide
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Reads ec2.*; checks what needs the provider only when it is the one chosen. */
    static Ec2Settings from(Config c, boolean chosen, List<RoleSpec> roles, Path resourcesDir) {
        String endpointText = c.getString("ec2.endpoint").trim();
        Optional<URI> endpoint = Optional.empty();
        if (!endpointText.isEmpty()) {
            try {
                URI u = URI.create(endpointText);
                if (u.getScheme() == null || u.getHost() == null || !u.getScheme().matches("https?")) throw new IllegalArgumentException();
                endpoint = Optional.of(u);
            } catch (IllegalArgumentException e) {
                throw ConfigError.at(c.getValue("ec2.endpoint").origin(), "ec2.endpoint",
                        "expected a URL like http://127.0.0.1:5000, got '" + endpointText + "'");
            }
        }
        List<String> types = Settings.strings(c, "ec2.instance-types");
        Map<String, List<String>> roleTypes = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getObject("ec2.role-instance-types").entrySet()) {
            String path = "ec2.role-instance-types." + e.getKey();
            if (e.getValue().valueType() != ConfigValueType.LIST) {
                throw ConfigError.at(e.getValue().origin(), path, "expected a list of instance types, e.g. [c5.large, c5a.large]");
            }
            List<String> list = new ArrayList<>();
            ((List<?>) e.getValue().unwrapped()).forEach(v -> list.add(String.valueOf(v)));
            if (list.isEmpty()) throw ConfigError.at(e.getValue().origin(), path, "needs at least one instance type");
            if (chosen && roles.stream().noneMatch(r -> r.name().equals(e.getKey()))) {
                throw ConfigError.at(e.getValue().origin(), path, "no role '" + e.getKey() + "'");
            }
            roleTypes.put(e.getKey(), List.copyOf(list));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        c.getObject("ec2.tags").unwrapped().forEach((k, v) -> tags.put(k, String.valueOf(v)));
        for (String k : tags.keySet()) {
            if (k.startsWith("flotilla:") || k.startsWith("aws:") || k.equals("Name")) {
                throw ConfigError.at(c.getValue("ec2.tags").origin(), "ec2.tags." + k, "is set by Flotilla itself (flotilla:*, aws:*, Name)");
            }
        }
        Market market = parse(c, "ec2.market", Market::parse);
        AddressKind address = parse(c, "ec2.address", AddressKind::parse);
        int batch = c.getInt("ec2.batch-size");
        if (batch < 1 || batch > 1000) throw ConfigError.at(c.getValue("ec2.batch-size").origin(), "ec2.batch-size", "must be 1 to 1000");
        int attempts = c.getInt("ec2.api-attempts");
        if (attempts < 1) throw ConfigError.at(c.getValue("ec2.api-attempts").origin(), "ec2.api-attempts", "must be at least 1");
        Duration ttl = c.getDuration("ec2.ttl");
        if (ttl.isNegative()) throw ConfigError.at(c.getValue("ec2.ttl").origin(), "ec2.ttl", "must be 0 (no self-destruct) or more");
        String userData = c.getString("ec2.user-data").trim();
        if (!userData.isEmpty() && !java.nio.file.Files.isRegularFile(resourcesDir.resolve(userData))) {
            throw ConfigError.at(c.getValue("ec2.user-data").origin(), "ec2.user-data", "no file " + resourcesDir.resolve(userData));
        }
        String region = c.getString("ec2.region").trim();
        String image = c.getString("ec2.image").trim();
        if (chosen) {
            if (region.isEmpty()) throw ConfigError.at(c.getValue("ec2.region").origin(), "ec2.region", "set the region, e.g. --set ec2.region=eu-west-1");
            if (image.isEmpty()) {
                throw ConfigError.at(c.getValue("ec2.image").origin(), "ec2.image",
                        "set an AMI id (ami-...) or an SSM parameter name (/aws/service/debian/release/12/latest/amd64)");
            }
            if (types.isEmpty()) throw ConfigError.at(c.getValue("ec2.instance-types").origin(), "ec2.instance-types", "needs at least one instance type");
            if (!c.getString("ec2.key-pair").isBlank() && c.getString("ssh.key").isBlank()) {
                // a key pair outlives the run and keeps the first key imported under its name
                throw ConfigError.at(c.getValue("ec2.key-pair").origin(), "ec2.key-pair", "with ssh.key empty every run logs in with a key "
                        + "of its own (runs/<id>/ssh/id_ed25519), which a key pair kept across runs cannot hold; set ssh.key to the "
                        + "private key of key pair '" + c.getString("ec2.key-pair").trim() + "', or leave ec2.key-pair empty "
                        + "(the user-data authorizes the run's key)");
            }
        }
        return new Ec2Settings(region, c.getString("ec2.profile").trim(), endpoint, image, List.copyOf(types), roleTypes,
                Settings.strings(c, "ec2.subnets"), Settings.strings(c, "ec2.zones"), Settings.strings(c, "ec2.security-groups"), cidr(c),
                c.getString("ec2.key-pair").trim(), c.getString("ec2.user").trim(), market, c.getString("ec2.max-price").trim(),
                tags, userData.isEmpty() ? Optional.empty() : Optional.of(Path.of(userData)), ttl, address, batch, attempts,
                Durations.positive(c, "ec2.teardown-timeout"));
    }

    private static String cidr(Config c) {
        String cidr = c.getString("ec2.ssh-cidr").trim();
        if (!cidr.matches("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}")) {
            throw ConfigError.at(c.getValue("ec2.ssh-cidr").origin(), "ec2.ssh-cidr", "expected an IPv4 CIDR like 203.0.113.0/24, got '" + cidr + "'");
        }
        return cidr;
    }

    private static <T> T parse(Config c, String key, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(c.getString(key).trim());
        } catch (IllegalArgumentException e) {
            throw ConfigError.at(c.getValue(key).origin(), key, e.getMessage());
        }
    }
}
