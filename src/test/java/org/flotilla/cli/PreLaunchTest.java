package org.flotilla.cli;

import org.flotilla.Workspace;
import org.flotilla.config.ConfigError;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.KeyOrigins;
import org.flotilla.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What `up` refuses before it makes a run directory: templates that cannot render, fleets this machine cannot hold. */
@Timeout(120) // a check that went missing would let `up` launch and hold a fleet: fail, do not hang
class PreLaunchTest {
    @TempDir
    Path tmp;

    private static final String ROLE = "roles {\n  client {\n    count = 2\n";

    private static Workspace.Result refused(Workspace w, Path conf, String where, String... more) {
        Workspace.Result r = w.cli("up", "--config", conf.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(where).contains("nothing was launched");
        for (String m : more) assertThat(r.err()).contains(m);
        assertThat(w.runsDir).doesNotExist();
        return r;
    }

    @Test
    void aTemplateSyntaxErrorInASetupStepNamesItsKeyAndLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLE + "    setup = [ \"true\", \"echo ${host.id\" ]\n  }\n}\n");
        refused(w, conf, conf + ":6: roles.client.setup[1]");
    }

    @Test
    void aNameNoTemplateCanResolveIsFoundInResourcesAndTestCommands() {
        Workspace w = new Workspace(tmp);
        w.write("resources/app/client.conf.ftl", "id=${host.id}\nserver=${vars.nope}\n");
        Path resource = w.config("fleet.conf", ROLE + "    resources = [ { source = \"app/client.conf.ftl\", dest = \"client.conf\" } ]\n  }\n}\n");
        refused(w, resource, resource + ":6: roles.client.resources[0].source: " + w.resources.resolve("app/client.conf.ftl") + ":2:",
                "no value for ${vars.nope}");

        Path test = w.config("test.conf", ROLE + "  }\n}\ntests.soak {\n  roles = [client]\n  command = \"iperf3 -c ${vars.server}\"\n}\n");
        refused(w, test, test + ":10: tests.soak.command", "no value for ${vars.server}");
    }

    @Test
    void aTestCommandIsCheckedWithTheRunsSecretsAndPkiAsItWillSeeThem() {
        Workspace w = new Workspace(tmp);
        String fleet = "secrets = [ui]\nroles.client.certificate = client\n" + ROLE + "  }\n}\ntests.soak {\n  roles = [client]\n  command = \"%s\"\n}\n";
        Path good = w.config("good.conf", fleet.formatted("echo ${secrets.ui.htpasswd} ${pki.ca?length} ${host.key?length} ${test.name}"));
        var merged = new ConfigSources(good, List.of(), Map.of()).load();
        new TemplateCheck(Settings.from(merged), new KeyOrigins(merged)).check();

        Path typo = w.config("typo.conf", fleet.formatted("echo ${secrets.iu.password}"));
        refused(w, typo, typo + ":12: tests.soak.command", "secrets.iu");
    }

    @Test
    void aRoleWithNoHostsStillHasItsTemplatesParsed() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", "roles {\n  client.count = 1\n  spare {\n    count = 0\n    setup = [ \"<#if>\" ]\n  }\n}\n");
        refused(w, conf, conf + ":7: roles.spare.setup[0]");
    }

    @Test
    void theShippedScenariosPassTheTemplateCheck() throws IOException {
        Path hosts = Files.writeString(tmp.resolve("hosts.txt"), "127.0.0.1:2201\n127.0.0.1:2202\n"); // push.conf's come from --hosts
        try (Stream<Path> scenarios = Files.list(Path.of("config/scenarios"))) {
            for (Path scenario : scenarios.sorted().toList()) {
                List<String> sets = new java.util.ArrayList<>(List.of("resources-dir=\"" + Path.of("resources").toAbsolutePath() + "\""));
                if (scenario.endsWith("push.conf")) sets.add("fixed.hosts-file=\"" + hosts + "\"");
                ConfigSources sources = new ConfigSources(scenario, sets, Map.of());
                var merged = sources.load();
                new TemplateCheck(Settings.from(merged), new KeyOrigins(merged)).check();
            }
        }
    }

    @Test
    void moreLocalHostsThanThisMachineHoldsAreRefusedNamingTheLimit() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", "roles.client.count = 1\n");
        Settings settings = w.settings(conf, "roles.client.count=100000");
        assertThatThrownBy(() -> PreLaunch.localCapacity(settings, new LocalCapacity(20_000, 64L << 30)))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("100000 local hosts (client 100000)")
                .hasMessageContaining("this process may open 20000 (ulimit -n): at most 6581 local hosts fit")
                .hasMessageNotContaining("MiB");
        assertThatThrownBy(() -> PreLaunch.localCapacity(settings, new LocalCapacity(1_000_000, 1L << 30)))
                .hasMessageContaining("MiB of memory").hasMessageNotContaining("ulimit");
        PreLaunch.localCapacity(w.settings(conf, "roles.client.count=6000"), new LocalCapacity(20_000, 6L << 30));

        // Beyond any machine's limits; were the check gone, the hosts would not boot for an hour and the time limit ends the test.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Workspace.Result r = w.cli("up", "--config", conf.toString(), "--count", "client=10000000", "--set", "local.boot-delay=1h");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("10000000 local hosts").contains("ulimit -n").contains("MiB of memory").contains("nothing was launched");
        });
        assertThat(w.runsDir).doesNotExist();
    }

    @Test
    void theLabWithoutItsToolsOrRootIsRefusedNamingThePackagesToInstall() throws IOException {
        Workspace w = new Workspace(tmp);
        Settings settings = w.settings(w.config("lab.conf", "provider = lab\nroles.client.count = 1\n"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("podman", "runc", "nsenter", "setsid", "ip", "flock", "nft")) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
            bin.resolve(tool).toFile().setExecutable(true);
        }
        assertThatThrownBy(() -> PreLaunch.tools(settings, bin.toString(), true)).isInstanceOf(ConfigError.class)
                .hasMessage("provider = lab needs apt-cacher-ng, mmdebstrap, socat on this machine: apt-get install apt-cacher-ng mmdebstrap socat");
        // the package proxy is what needs apt-cacher-ng: without it, so does the lab
        assertThatThrownBy(() -> PreLaunch.tools(w.settings(w.config("bare.conf", "provider = lab\nroles.client.count = 1\nlab.packages.proxy = off\n")),
                bin.toString(), true)).hasMessage("provider = lab needs mmdebstrap, socat on this machine: apt-get install mmdebstrap socat");
        for (String tool : List.of("apt-cacher-ng", "mmdebstrap", "socat")) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
            bin.resolve(tool).toFile().setExecutable(true);
        }
        PreLaunch.tools(settings, bin.toString(), true);
        assertThatThrownBy(() -> PreLaunch.tools(settings, bin.toString(), false)).hasMessageContaining("run Flotilla as root");
        PreLaunch.tools(w.settings(w.config("local.conf", "roles.client.count = 1\n")), "", false); // the local provider needs neither
    }
}
