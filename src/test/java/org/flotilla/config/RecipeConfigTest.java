package org.flotilla.config;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** packages, become and per-step become as written, and what a mistake in them says. */
class RecipeConfigTest {
    @TempDir
    Path tmp;

    @Test
    void topLevelPackagesComeFirstAndStepsKeepTheirOwnBecome() {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("r.conf", """
                packages = [ dstat, iperf3 ]
                roles.web {
                  packages = [ iperf3, nginx ]
                  become = true
                  setup = [ "a", { run = "b", become = false }, { run = "c" } ]
                  reload = [ { run = "d", become = false } ]
                }
                roles.db.setup = [ { run = "e", become = true } ]
                """));
        Recipe web = s.role("web").recipe();
        assertThat(web.packages()).containsExactly("dstat", "iperf3", "nginx");
        assertThat(s.role("web").setup()).containsExactly("a", "b", "c");
        assertThat(web.becomes(0)).isTrue();
        assertThat(web.becomes(1)).isFalse();
        assertThat(web.becomes(2)).isTrue();
        assertThat(web.reloadBecomes(0)).isFalse();
        assertThat(web.becomeUser()).isEqualTo("root");
        Recipe db = s.role("db").recipe();
        assertThat(db.become()).isFalse();
        assertThat(db.becomes(0)).isTrue();
        assertThat(db.anyBecome()).isTrue();
        assertThat(db.packages()).containsExactly("dstat", "iperf3");
    }

    @Test
    void mistakesNameFileLineAndKey() {
        Workspace w = new Workspace(tmp);
        Path bad = w.config("bad.conf", "roles.web.packages = [ \"iperf3; rm -rf /\" ]\n");
        assertThatThrownBy(() -> w.settings(bad)).isInstanceOf(ConfigError.class)
                .hasMessage(bad + ":3: roles.web.packages: not a package name: 'iperf3; rm -rf /'");
        Path step = w.config("step.conf", "roles.web {\n  setup = [ { run = \"x\", becom = true } ]\n}\n");
        assertThatThrownBy(() -> w.settings(step)).isInstanceOf(ConfigError.class)
                .hasMessage(step + ":4: roles.web.setup[0].becom: unknown key (a step has run and become)");
        w.write("resources/f", "x");
        Path owner = w.config("owner.conf", "roles.web.resources = [ { source = f, dest = \"/etc/f\", owner = \"root group\" } ]\n");
        assertThatThrownBy(() -> w.settings(owner)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("roles.web.resources[0].owner: expected user or user:group, got 'root group'");
    }

    @Test
    void aTestFollowsItsRolesBecomeUnlessItSaysOtherwise() {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("t.conf", """
                roles.web.become = true
                tests.a { roles = [web], command = "a" }
                tests.b { roles = [web], command = "b", become = false }
                tests.c { roles = [web], command = "c", become = true }
                """));
        assertThat(s.test("a").becomes(true)).isTrue();
        assertThat(s.test("a").becomes(false)).isFalse();
        assertThat(s.test("b").becomes(true)).isFalse();
        assertThat(s.test("c").becomes(false)).isTrue();
        Path bad = w.config("bad-test.conf", "roles.web.become = true\ntests.a { roles = [web], command = a, become = sometimes }\n");
        assertThatThrownBy(() -> w.settings(bad)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("tests.a.become: expected true, false or role, got 'sometimes'");
    }
}
