package org.flotilla.provision;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** `push` against real MINA SSH servers (the local provider): only changed files go up, and reload runs only where they did. */
class PushTest {
    @TempDir
    Path tmp;
    Workspace w;

    @BeforeEach
    void resources() {
        w = new Workspace(tmp);
        w.write("resources/app/app.conf.ftl", "index=${host.index}\nmode=${vars.mode}\n");
        w.write("resources/app/static.txt", "static\n");
        w.write("resources/app/other.txt", "other role\n");
    }

    private FleetDaemon launch(String reload) {
        Path config = w.config("app.conf", """
                vars.mode = first
                roles {
                  app {
                    count = 2
                    resources = [
                      { source = "app/app.conf.ftl", dest = "etc/app.conf" }
                      { source = "app/static.txt", dest = "etc/static.txt" }
                    ]
                    reload = [ "%s" ]
                  }
                  other {
                    resources = [ { source = "app/other.txt", dest = "etc/other.txt" } ]
                    reload = [ "echo reloaded >> reloads" ]
                  }
                }
                """.formatted(reload));
        Settings settings = w.settings(config);
        return FleetDaemon.launch(settings, Run.create(settings.runsDir()));
    }

    private static Map<String, HostPush> byHost(List<HostPush> pushes) {
        return pushes.stream().collect(Collectors.toMap(HostPush::host, Function.identity()));
    }

    @Test
    void uploadsOnlyWhatChangedAndReloadsOnlyThoseHosts() throws Exception {
        try (FleetDaemon d = launch("echo reloaded >> reloads")) {
            assertThat(d.up().ready()).isEqualTo(3);
            Path app0 = w.latestRun().localDir().resolve("app-0");

            Map<String, HostPush> same = byHost(d.run().push(List.of("app")));
            assertThat(same).containsOnlyKeys("app-0", "app-1");
            assertThat(same.get("app-0")).isEqualTo(new HostPush("app-0", "app", List.of(), List.of("etc/app.conf", "etc/static.txt"), false, null));
            assertThat(app0.resolve("reloads")).doesNotExist();

            w.write("resources/app/static.txt", "static, edited\n");
            w.write("resources/app/other.txt", "other role, edited\n");
            Map<String, HostPush> changed = byHost(d.run().push(List.of("app")));

            for (String host : List.of("app-0", "app-1")) {
                assertThat(changed.get(host)).isEqualTo(new HostPush(host, "app", List.of("etc/static.txt"), List.of("etc/app.conf"), true, null));
            }
            assertThat(app0.resolve("etc/static.txt")).hasContent("static, edited");
            assertThat(app0.resolve("reloads")).hasContent("reloaded");
            Path other = w.latestRun().localDir().resolve("other-0");
            assertThat(other.resolve("etc/other.txt")).as("a role not named keeps its file").hasContent("other role");
            assertThat(w.latestRun().hostLog("app-0")).content().contains("push: etc/app.conf unchanged", "upload app/static.txt -> etc/static.txt",
                    "reload step 1/1 `echo reloaded >> reloads`: exit 0");
            d.down();
        }
    }

    @Test
    void aFailingReloadStepNamesTheHostTheStepAndItsOutput() throws Exception {
        try (FleetDaemon d = launch("echo cannot restart ${host.id} >&2; exit 3")) {
            assertThat(d.up().ready()).isEqualTo(3);
            w.write("resources/app/app.conf.ftl", "index=${host.index}\nmode=second\n");

            Map<String, HostPush> pushed = byHost(d.run().push(List.of("app")));

            assertThat(pushed.get("app-1").error()).contains("reload step 1/1", "exited 3", "cannot restart app-1");
            assertThat(pushed.get("app-1").uploaded()).as("what was uploaded all the same").containsExactly("etc/app.conf");
            assertThat(w.latestRun().localDir().resolve("app-1/etc/app.conf")).content().contains("mode=second");
            d.down();
        }
    }
}
