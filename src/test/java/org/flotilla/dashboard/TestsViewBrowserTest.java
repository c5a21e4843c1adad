package org.flotilla.dashboard;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Tests view's buttons act on the held run as the commands do: run a test, fetch the logs, push, and down (confirmed). */
class TestsViewBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void theButtonsRunATestFetchTheLogsPushAndTakeTheFleetDown() throws Exception {
        Workspace w = new Workspace(tmp);
        w.write("resources/motd.txt", "hello\n");
        Path config = w.config("fleet.conf", """
                roles.client {
                  count = 2
                  resources = [ { source = "motd.txt", dest = "motd.txt" } ]
                  logs = [ "mark-*.txt" ]
                }
                tests.mark {
                  roles = [client]
                  patterns = [one, two]
                  duration = 2s
                  command = "echo ${pattern} of ${host.id} >> mark-${host.index}.txt"
                }
                """);
        Settings s = w.settings(config);
        try (ServedFleet f = ServedFleet.up(s); Browser b = f.browser(tmp.resolve("browser"), "#tests")) {
            Run run = f.run();
            b.run("mark");
            b.await("the test ran", Duration.ofMinutes(2), () -> b.text("#activity").contains("run mark: 4 of 4 host runs ok"));
            assertThat(b.text("#activity")).contains("mark [one]: starting on 2 hosts at once").contains("mark [two]: 2 of 2 hosts ok").contains("host clocks read at most");
            b.await("its windows listed", Duration.ofSeconds(30), () -> b.all("#windows tbody tr").size() == 2);
            List<WebElement> first = b.all("#windows tbody tr").get(0).findElements(org.openqa.selenium.By.tagName("td"));
            assertThat(first.subList(0, 6)).extracting(WebElement::getText).containsExactly("mark", "one", "2", "2", "2", "0");
            assertThat(first.get(6).getText()).matches("[0-9.]+ ms");
            String offsets = first.get(7).getText();
            assertThat(offsets).as("each host's clock offset").matches("client-0 [+-][0-9]+\\.[0-9] ms, client-1 [+-][0-9]+\\.[0-9] ms");
            Matcher most = Pattern.compile("mark \\[one\\]: .*host clocks read at most ([0-9.]+) ms off ours").matcher(b.text("#activity"));
            assertThat(most.find()).as("the run's line with the largest offset").isTrue();
            // Only the figures: the host names' own "-0" and "-1" once stood in for offsets under 1 ms.
            double largest = Pattern.compile(" ([+-][0-9.]+) ms").matcher(offsets).results().mapToDouble(m -> Math.abs(Double.parseDouble(m.group(1)))).max().orElseThrow();
            assertThat(largest).as("the largest offset shown, against what the run printed").isCloseTo(Double.parseDouble(most.group(1)), within(0.051));

            b.all("#fetch-logs").get(0).click();
            b.await("the logs fetched", Duration.ofMinutes(2), () -> b.text("#activity").contains("fetch-logs: 2 files"));
            assertThat(run.dir().resolve("logs/client/client-1/mark-1.txt")).hasContent("one of client-1\ntwo of client-1");

            w.write("resources/motd.txt", "hello again\n");
            b.await("the buttons are free", Duration.ofSeconds(30), () -> b.all("#push").get(0).isEnabled());
            b.all("#push").get(0).click();
            b.await("pushed", Duration.ofMinutes(2), () -> b.text("#activity").contains("push: 2 hosts, 2 files uploaded"));

            b.await("the buttons are free", Duration.ofSeconds(30), () -> b.all("#down").get(0).isEnabled());
            b.all("#down").get(0).click();
            b.driver().switchTo().alert().dismiss();
            assertThat(f.daemon().isDown()).as("down waits for the user's yes").isFalse();
            b.all("#down").get(0).click();
            assertThat(b.driver().switchTo().alert().getText()).contains(run.id());
            b.driver().switchTo().alert().accept();
            b.await("the fleet is down", Duration.ofMinutes(2), f.daemon()::isDown);
            assertThat(RunStatus.read(run).hosts()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HostState.TERMINATED));
        }
    }
}
