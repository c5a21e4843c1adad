package org.flotilla.config;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config mistakes stop `up` with exit 2, a message naming file, line and key, and nothing launched. */
@Timeout(120) // a check that went missing would let `up` launch and hold a fleet: fail, do not hang
class ConfigErrorsTest {
    @TempDir
    Path tmp;

    private static final String ROLES = """
            roles {
              client {
                count = 2
              }
            }
            """;

    @Test
    void misspelledKeyNamesFileLineAndKeyAndLaunchesNothing() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "provison.configurers = 8\n");

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":8:").contains("provison.configurers").contains("did you mean 'provision'");
        assertThat(r.err()).contains("nothing was launched");
        assertThat(w.runsDir).doesNotExist();
    }

    @Test
    void misspelledKeyInAnIncludedFileNamesThatFile() {
        Workspace w = new Workspace(tmp);
        Path included = w.write("ssh.conf", "ssh {\n  conect-timeout = 1m\n}\n");
        Path conf = w.config("fleet.conf", "include \"ssh.conf\"\n" + ROLES);

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(included + ":2:").contains("ssh.conect-timeout").contains("did you mean 'connect-timeout'");
    }

    @Test
    void aDashboardAddressThatIsNoIpNamesTheKeyAndLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "dashboard {\n  listen = \"localhost:8443\"\n}\n");

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":9:").contains("dashboard.listen").contains("'localhost:8443': expected ADDRESS:PORT with an IP address");
        assertThat(w.runsDir).doesNotExist();
    }

    @Test
    void negativeIdleStopNamesTheKeyAndLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "provision {\n  idle-stop = -5m\n}\n");

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":9:").contains("provision.idle-stop").contains("must be 0s (off) or longer, got -5m");
        assertThat(w.runsDir).doesNotExist();
    }

    @Test
    void wrongTypeNamesTheKeyAndLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "provision {\n  configurers = many\n}\n");

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":9:").contains("provision.configurers");
    }

    @Test
    void unknownKeyInsideARoleIsRefused() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", "roles {\n  client {\n    cuont = 2\n  }\n}\n");

        assertThatThrownBy(() -> w.settings(conf))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining(conf + ":5:")
                .hasMessageContaining("roles.client.cuont")
                .hasMessageContaining("did you mean 'count'");
    }

    @Test
    void missingResourceAndUnknownAfterRoleAreErrors() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", """
                roles {
                  client {
                    after = [servr]
                  }
                }
                """);
        assertThatThrownBy(() -> w.settings(conf)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("roles.client.after").hasMessageContaining("servr");

        Path conf2 = w.config("fleet2.conf", """
                roles {
                  client {
                    resources = [ { source = "nowhere/x.ftl", dest = "x" } ]
                  }
                }
                """);
        assertThatThrownBy(() -> w.settings(conf2)).isInstanceOf(ConfigError.class)
                .hasMessageContaining(conf2 + ":")
                .hasMessageContaining("nowhere/x.ftl");
    }

    @Test
    void setAndCountOverrideTheFileAndEnvSubstitutionWorks() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "ssh.user = ${?FLOTILLA_TEST_NO_SUCH_VAR}\n");

        Settings s = Settings.load(new ConfigSources(conf, java.util.List.of("provision.configurers=7", "roles.client.setup=[\"true\", \"echo x\"]"),
                java.util.Map.of("client", 5)));

        assertThat(s.provision().configurers()).isEqualTo(7);
        assertThat(s.role("client").count()).isEqualTo(5);
        assertThat(s.role("client").setup()).containsExactly("true", "echo x");
        assertThat(s.hostCount()).isEqualTo(5);
    }

    @Test
    void countForAnUnknownRoleIsAUsageError() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES);

        Workspace.Result r = w.cli("up", "--config", conf.toString(), "--count", "server=3");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server");
        assertThat(Files.exists(w.runsDir)).isFalse();
    }

    @Test
    void missingConfigFileIsAnError() {
        Workspace w = new Workspace(tmp);
        Workspace.Result r = w.cli("up", "--config", tmp.resolve("nope.conf").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope.conf");
    }

    @Test
    void aSecretNameThatCannotBeAFileNameIsRefusedWithFileAndLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "secrets = [ \"../ui\" ]\n");

        Workspace.Result r = w.cli("up", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":8:").contains("secrets").contains("'../ui'");
        assertThat(w.runsDir).doesNotExist();
    }
    /** `up` with this config: exit 2, the message names file:line and key, nothing launched, no run directory. */
    private Workspace.Result refused(Workspace w, Path conf, String where, String key, String... more) {
        Workspace.Result r = w.cli("up", "--config", conf.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(where + ":").contains(key).contains(more).contains("nothing was launched");
        assertThat(w.runsDir).doesNotExist();
        return r;
    }

    @Test
    void negativeOrZeroSshTimeoutsAreRefusedAtTheirLine() {
        Workspace w = new Workspace(tmp);
        for (String setting : new String[]{"attempt-timeout = -5s", "attempt-timeout = 0s", "login-timeout = 0s", "command-timeout = -1s", "connect-timeout = -1s"}) {
            Path conf = w.config("fleet.conf", ROLES + "ssh {\n  " + setting + "\n}\n");
            String key = "ssh." + setting.substring(0, setting.indexOf(' '));
            refused(w, conf, conf + ":9", key, "must be longer than 0s, got " + setting.substring(setting.indexOf("= ") + 2));
        }
    }

    @Test
    void aLoginTimeoutShorterThanTheAttemptTimeoutIsRefusedAtItsLine() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "ssh {\n  attempt-timeout = 30s\n  login-timeout = 20s\n}\n");
        refused(w, conf, conf + ":10", "ssh.login-timeout", "must be at least ssh.attempt-timeout (30s), got 20s");
    }

    @Test
    void aTestDurationOfZeroIsRefusedWithItsFullPath() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "tests.soak {\n  roles = [client]\n  command = true\n  duration = 0s\n}\n");
        refused(w, conf, conf + ":11", "tests.soak.duration", "must be longer than 0s");
    }

    @Test
    void anSshPortOutOfRangeIsRefused() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "ssh.port = 70000\n");
        refused(w, conf, conf + ":8", "ssh.port", "between 1 and 65535, got 70000");
    }

    @Test
    void aFractionalCountIsRefusedNotRoundedDown() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", "roles {\n  client {\n    count = 1.5\n  }\n}\n");
        refused(w, conf, conf + ":5", "roles.client.count", "expected a whole number, got number 1.5");
    }

    @Test
    void minReadyAboveTheFleetSizeIsRefused() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", ROLES + "provision.min-ready = 99\n");
        refused(w, conf, conf + ":8", "provision.min-ready", "99 ready hosts are needed, but the fleet has 2");
    }

    @Test
    void aWrongTypeInsideARoleOrATestNamesTheFullKeyPath() {
        Workspace w = new Workspace(tmp);
        Path role = w.config("fleet.conf", "roles {\n  server {\n    count = many\n  }\n}\n");
        Workspace.Result r = refused(w, role, role + ":5", "roles.server.count", "expected a whole number, got string \"many\"");
        assertThat(r.err()).doesNotContain(": count");

        Path test = w.config("fleet.conf", ROLES + "tests.soak {\n  roles = [client]\n  command = true\n  grace = soon\n}\n");
        refused(w, test, test + ":11", "tests.soak.grace", "expected a duration");

        Path list = w.config("fleet.conf", "roles {\n  server {\n    packages = [ { a = 1 } ]\n  }\n}\n");
        refused(w, list, list + ":5", "roles.server.packages[0]", "expected a string");

        Path step = w.config("fleet.conf", "roles {\n  server {\n    setup = [ { a = 1 } ]\n  }\n}\n");
        refused(w, step, step + ":5", "roles.server.setup[0].a", "unknown key (a step has run and become)");
    }

    @Test
    void aMissingIncludeNamesTheIncludingFileAndLine() {
        Workspace w = new Workspace(tmp);
        Path ssh = w.write("ssh.conf", "# the ssh settings\n\ninclude \"tuning.conf\"\n");
        Path conf = w.config("fleet.conf", ROLES + "include \"ssh.conf\"\n");
        Workspace.Result r = refused(w, conf, ssh + ":3", "include \"tuning.conf\"", "no such file");
        assertThat(r.err()).contains(tmp.resolve("tuning.conf").toString());

        w.write("tuning.conf", "ssh.port = 2222\n");
        assertThat(w.settings(conf).ssh().port()).as("an include that is there still works").isEqualTo(2222);
    }
}
