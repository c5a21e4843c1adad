package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, typed and validated once. Nothing reads HOCON paths after this.
 *
 * @param rendered the resolved configuration as HOCON, saved in the run directory so that later
 *                 commands on the run act on the settings it was started with
 */
public record Settings(String provider, Path runsDir, Path resourcesDir, ProvisionSettings provision,
                       SshSettings ssh, LocalSettings local, FixedSettings fixed, Ec2Settings ec2, LabSettings lab, List<RoleSpec> roles,
                       List<TestPlan> tests, CronSettings cron, FetchSettings fetch, DashboardSettings dashboard,
                       Map<String, Object> vars, List<String> secrets, String rendered) {

    public static Settings load(ConfigSources sources) {
        return from(sources.load());
    }

    public static Settings from(Config c) {
        try {
            String provider = c.getString("provider");
            ProviderKind kind = ProviderKind.named(provider).orElseThrow(() -> ConfigError.at(c.getValue("provider").origin(), "provider",
                    "unknown provider '" + provider + "' (known: " + String.join(", ", ProviderKind.names().stream().sorted().toList()) + ")"));
            Path resourcesDir = Paths.expand(c.getString("resources-dir"));
            List<RoleSpec> roles = RoleSpec.all(c, resourcesDir);
            FixedSettings fixed = FixedSettings.from(c, roles);
            if (kind.hostsListedInConfig()) roles = fixed.countRoles(roles);
            if (roles.isEmpty()) {
                throw new ConfigError("roles: no roles are defined; a scenario defines at least one "
                        + "(see config/scenarios/local-demo.conf)");
            }
            SshSettings ssh = SshSettings.from(c);
            if (kind.runsItsOwnJumpHost() && ssh.jump().isPresent()) {
                throw ConfigError.at(c.getValue("ssh.jump").origin(), "ssh.jump", "provider = " + provider
                        + " runs its own jump host, the only way in to its hosts; leave ssh.jump empty");
            }
            ProvisionSettings provision = ProvisionSettings.from(c);
            provision.minReady().requireAtMost(roles.stream().mapToInt(RoleSpec::count).sum(), c.getValue("provision.min-ready").origin());
            return new Settings(provider,
                    Paths.expand(c.getString("runs-dir")),
                    resourcesDir,
                    provision,
                    ssh,
                    LocalSettings.from(c),
                    fixed,
                    Ec2Settings.from(c, kind == ProviderKind.EC2, roles, resourcesDir),
                    LabSettings.from(c, kind == ProviderKind.LAB, roles),
                    roles,
                    TestPlan.all(c, roles),
                    CronSettings.from(c),
                    FetchSettings.from(c),
                    DashboardSettings.from(c),
                    plain(c.getObject("vars")),
                    secretNames(c),
                    userKeys(c).render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false)));
        } catch (ConfigException e) {
            throw new ConfigError(ConfigError.where(e.origin()) + ConfigSources.stripOrigin(e));
        }
    }

    /** What the provider this config names can do, known before anything is launched. */
    public ProviderKind providerKind() {
        return ProviderKind.named(provider).orElseThrow();
    }

    public TestPlan test(String name) {
        return tests.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test '" + name + "' (tests: "
                        + String.join(", ", tests.stream().map(TestPlan::name).toList()) + ")"));
    }

    /** The remote log paths fetch-logs collects from a role's hosts: the role's own and its tests'. */
    public List<String> logs(String role) {
        List<String> out = new ArrayList<>(role(role).logs());
        for (TestPlan t : tests) {
            for (String path : t.logs().getOrDefault(role, List.of())) if (!out.contains(path)) out.add(path);
        }
        return out;
    }

    /**
     * The keys a user can set, without the schema objects, and without the JVM's system properties
     * that Typesafe's reference layer carries (java.*, user.*, a test runner's basedir): a later
     * process reading the rendered settings would reject those as unknown keys.
     */
    private static ConfigObject userKeys(Config c) {
        ConfigObject root = c.root();
        java.util.Set<String> known = ConfigFactory.parseResources("reference.conf").root().keySet();
        for (String key : root.keySet()) {
            if (!known.contains(key) || key.endsWith("-defaults")) root = root.withoutKey(key);
        }
        return root;
    }

    public RoleSpec role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role " + name));
    }

    /** Whether a role asks for certificates: then the run has a PKI (runs/&lt;id&gt;/pki/). */
    public boolean needsPki() {
        return roles.stream().anyMatch(r -> r.certificate() != org.flotilla.pki.CertificateUse.NONE);
    }

    public int hostCount() {
        return roles.stream().mapToInt(RoleSpec::count).sum();
    }

    /** Config objects as plain maps and lists, for templates. */
    static Map<String, Object> plain(ConfigObject o) {
        return new LinkedHashMap<>(o.unwrapped());
    }

    private static List<String> secretNames(Config c) {
        List<String> names = strings(c, "secrets");
        for (String name : names) {
            // a name becomes a file name in the run directory and a key templates look up
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw ConfigError.at(c.getValue("secrets").origin(), "secrets",
                        "'" + name + "': a secret's name is letters, digits, '_' and '-', starting with a letter");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(names));
    }

    static List<String> strings(Config c, String path) {
        return new ArrayList<>(c.getStringList(path));
    }
}
