package org.flotilla.render;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;
import org.flotilla.pki.RunPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** One model for every template of a run: what the configurer, the test runner and the pre-launch check render with. */
class TemplateModelTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            secrets = [ui]
            vars.port = 5201
            roles {
              server { certificate = server, vars.port = 5202 }
              client { count = 2 }
            }
            tests.soak { roles = [server, client], patterns = [short], command = "echo ${secrets.ui.password}" }
            """;

    private Settings settings;
    private Run run;
    private List<Host> fleet;

    private TemplateModel real(List<String> notes) throws Exception {
        settings = new Workspace(tmp).settings(new Workspace(tmp).config("fleet.conf", CONFIG));
        run = Run.create(settings.runsDir());
        fleet = List.of(Host.named("server", 0, "p0", "me").at("127.0.0.1", 2200),
                Host.named("client", 0, "p1", "me").at("127.0.0.1", 2201),
                Host.named("client", 1, "p2", "me").at("127.0.0.1", 2202));
        return TemplateModel.of(settings, run, Instant.parse("2026-01-01T12:00:00Z"), () -> fleet, RunPki.open(run.dir(), run.id()),
                (host, line) -> notes.add(host.id() + ": " + line));
    }

    @Test
    void aTestCommandSeesTheRunsSecretsAndPkiAndItsHostsOwnCertificate() throws Exception {
        List<String> notes = new ArrayList<>();
        TemplateModel models = real(notes);
        TestPlan soak = settings.test("soak");

        Map<String, Object> server = models.forTest(fleet.get(0), soak, "short");
        Map<String, Object> client = models.forTest(fleet.get(1), soak, "short");

        String password = Files.readString(run.dir().resolve("secrets/ui")).strip();
        String ca = Files.readString(run.dir().resolve("pki/ca.pem"));
        for (Map<String, Object> m : List.of(server, client)) {
            assertThat(m).containsKeys("host", "fleet", "run", "vars", "secrets", "pki", "test", "pattern");
            assertThat(path(m, "secrets", "ui", "password")).isEqualTo(password);
            assertThat(path(m, "pki", "ca")).isEqualTo(ca);
            assertThat(path(m, "test", "name")).isEqualTo("soak");
            assertThat(m.get("pattern")).isEqualTo("short");
        }
        assertThat(path(server, "host", "cert")).isEqualTo(Files.readString(run.dir().resolve("pki/server-0.pem")));
        assertThat(names("", server)).as("its own key too").contains("host.key");
        assertThat(names("", client)).as("a role without certificate gets none").doesNotContain("host.cert", "host.key");
        assertThat(path(server, "vars", "port")).isEqualTo(5202);
        assertThat(path(client, "vars", "port")).isEqualTo(5201);
        assertThat(notes).containsExactly("server-0: certificate (server): " + run.dir().resolve("pki/server-0.pem"));
    }

    @Test
    void aHostThatGetsItsAddressIsSeenSoInTheNextHostsFleet() throws Exception {
        TemplateModel models = real(new ArrayList<>());
        List<Host> booting = new ArrayList<>(List.of(fleet.get(0), Host.named("client", 0, "p1", "me"), fleet.get(2)));
        TemplateModel live = TemplateModel.of(settings, run, Instant.parse("2026-01-01T12:00:00Z"), () -> booting, null, (h, l) -> { });

        assertThat(inFleet(live.forHost(booting.get(0)), "client", 0, "address")).isEqualTo("");
        booting.set(1, fleet.get(1));
        assertThat(inFleet(live.forHost(booting.get(2)), "client", 0, "address")).isEqualTo("127.0.0.1");
        assertThat(inFleet(live.forHost(booting.get(2)), "client", 0, "port")).isEqualTo(2201);
        assertThat(inFleet(models.forHost(fleet.get(0)), "client", 1, "port")).isEqualTo(2202);
    }

    @Test
    void theCrontabsWayToATestModelGivesWhatAFiredTestSees() throws Exception {
        TemplateModel models = real(new ArrayList<>());
        TestPlan soak = settings.test("soak");
        for (Host h : fleet) {
            assertThat(TemplateModel.withTest(models.forHost(h), soak, "short")).as(h.id()).isEqualTo(models.forTest(h, soak, "short"));
        }
    }

    @Test
    void theSampleThePreLaunchCheckRendersWithHasTheRealModelsEveryName() throws Exception {
        TemplateModel models = real(new ArrayList<>());
        TemplateModel sample = TemplateModel.sample(settings, fleet, "20260101-120000-abcd");
        TestPlan soak = settings.test("soak");
        for (Host h : fleet) {
            TreeSet<String> names = names("", models.forTest(h, soak, "short"));
            assertThat(names).as(h.id()).contains("secrets.ui.htpasswd", "pki.tlsCrypt", "fleet.client", "run.start");
            assertThat(names("", sample.forTest(h, soak, "short"))).as(h.id()).isEqualTo(names);
        }
    }

    /** Every key path of a model, down to its leaves (a list counts as a leaf: fleet's lists hold the same shape as host). */
    private static TreeSet<String> names(String prefix, Map<?, ?> model) {
        TreeSet<String> out = new TreeSet<>();
        model.forEach((k, v) -> {
            String name = prefix + k;
            if (v instanceof Map<?, ?> m) out.addAll(names(name + ".", m));
            else out.add(name);
        });
        return out;
    }

    /** What `fleet.ROLE[i].KEY` reads in a template. */
    private static Object inFleet(Map<?, ?> model, String role, int i, String key) {
        return ((Map<?, ?>) ((List<?>) ((Map<?, ?>) model.get("fleet")).get(role)).get(i)).get(key);
    }

    private static Object path(Map<?, ?> model, String... keys) {
        Object at = model;
        for (String k : keys) at = ((Map<?, ?>) at).get(k);
        return at;
    }
}
