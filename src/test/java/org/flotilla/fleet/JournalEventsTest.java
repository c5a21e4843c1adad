package org.flotilla.fleet;

import org.flotilla.fleet.JournalEvent.ConfigureStarted;
import org.flotilla.fleet.JournalEvent.Down;
import org.flotilla.fleet.JournalEvent.HostKeyPinned;
import org.flotilla.fleet.JournalEvent.HostNamed;
import org.flotilla.fleet.JournalEvent.LinksShaped;
import org.flotilla.fleet.JournalEvent.ProviderReport;
import org.flotilla.fleet.JournalEvent.Provisioned;
import org.flotilla.fleet.JournalEvent.PushStarted;
import org.flotilla.fleet.JournalEvent.Pushed;
import org.flotilla.fleet.JournalEvent.RunStarted;
import org.flotilla.fleet.JournalEvent.StateChanged;
import org.flotilla.fleet.JournalEvent.WatchFailed;
import org.flotilla.fleet.JournalEvent.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of journal event goes through the journal and comes back the same, under the names earlier versions wrote. */
class JournalEventsTest {
    @TempDir
    Path dir;

    /** One of each kind, every field set (and a second with the optional ones left out where there are any). */
    private static final List<JournalEvent> EVERY_KIND = List.of(
            new RunStarted("20261129-223053-d738", "local", 4, 6032),
            new LinksShaped(Map.of("client", "100mbit, 2% loss")),
            new HostNamed("client-1", "client", 1, "local:client-1", "root"),
            new HostNamed("client-2", "client", 2, null, null),
            new StateChanged("client-1", HostState.BOOTING, "127.0.0.1", 44601, null),
            new StateChanged("client-1", HostState.FAILED, null, null, "setup step 3/3 `test 1 -ne 1` exited 1"),
            new HostKeyPinned("client-1", "[127.0.0.1]:44601", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFV9TqD3T4KfY8+YuDRKmjBPeZjLhkbUXhx5Y1o9m+rH"),
            new ProviderReport(List.of("RunInstances 1", "DescribeInstances 3")),
            new Provisioned(3, 1, 2, true),
            new Window("client-2", "client", "copy", "64", Instant.parse("2026-11-29T22:31:40.532888Z"),
                    Instant.parse("2026-11-29T22:31:40.539358Z"), 0, null),
            new Window("client-1", "client", "flaky", null, null, null, -1, "unreachable"),
            new ConfigureStarted(4),
            new PushStarted(List.of("client", "server"), 4),
            new Pushed(2, 1, List.of("client-1")),
            new WatchFailed("still busy at down"),
            new Down("idle for 12s", 4, 0),
            new Down(null, 3, 1));

    @Test
    void everyKindIsWrittenAndReadBackThroughItsType() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = new Journal(file)) {
            journal.appendAll(EVERY_KIND.subList(0, 3));
            EVERY_KIND.subList(3, EVERY_KIND.size()).forEach(journal::record);
        }
        List<JournalEvent> read = new ArrayList<>();
        for (String line : Files.readAllLines(file)) read.add(JournalCodec.read(line).orElseThrow().event());
        assertThat(read).containsExactlyElementsOf(EVERY_KIND);
        assertThat(read.stream().map(JournalEvent::getClass).distinct().count())
                .as("every kind").isEqualTo(JournalEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void linesKeepTheNamesEarlierVersionsWrote() {
        Instant t = Instant.parse("2026-11-29T22:30:54.048129559Z");
        assertThat(JournalCodec.line(t, new HostNamed("server-0", "server", 0, "local:server-0", "root")))
                .isEqualTo("{\"t\":\"2026-11-29T22:30:54.048129559Z\",\"event\":\"host\",\"host\":\"server-0\",\"role\":\"server\","
                        + "\"index\":0,\"provider-id\":\"local:server-0\",\"user\":\"root\"}");
        assertThat(JournalCodec.line(t, new StateChanged("server-0", HostState.BOOTING, "127.0.0.1", 45733, null)))
                .isEqualTo("{\"t\":\"2026-11-29T22:30:54.048129559Z\",\"event\":\"state\",\"host\":\"server-0\",\"state\":\"BOOTING\","
                        + "\"address\":\"127.0.0.1\",\"port\":45733}");
        assertThat(JournalCodec.line(t, new Window("client-2", "client", "flaky", null, Instant.parse("2026-11-29T22:31:43.941432Z"),
                Instant.parse("2026-11-29T22:31:43.945681Z"), 1, "exited 1")))
                .isEqualTo("{\"t\":\"2026-11-29T22:30:54.048129559Z\",\"event\":\"window\",\"test\":\"flaky\",\"host\":\"client-2\","
                        + "\"role\":\"client\",\"start\":\"2026-11-29T22:31:43.941432Z\",\"end\":\"2026-11-29T22:31:43.945681Z\",\"exit\":1,\"error\":\"exited 1\"}");
        assertThat(JournalCodec.line(t, new LinksShaped(Map.of("client", "100mbit, 2% loss"))))
                .isEqualTo("{\"t\":\"2026-11-29T22:30:54.048129559Z\",\"event\":\"links\",\"roles\":{\"client\":\"100mbit, 2% loss\"}}");
        assertThat(JournalCodec.line(t, new Down(null, 4, 0)))
                .isEqualTo("{\"t\":\"2026-11-29T22:30:54.048129559Z\",\"event\":\"down\",\"terminated\":4,\"failed\":0}");
        Map<Class<?>, String> names = Map.ofEntries(Map.entry(RunStarted.class, "run"), Map.entry(HostNamed.class, "host"),
                Map.entry(StateChanged.class, "state"), Map.entry(HostKeyPinned.class, "host-key"), Map.entry(ProviderReport.class, "report"),
                Map.entry(Provisioned.class, "provisioned"), Map.entry(Window.class, "window"), Map.entry(ConfigureStarted.class, "configure"),
                Map.entry(PushStarted.class, "push"), Map.entry(Pushed.class, "pushed"), Map.entry(WatchFailed.class, "watch"),
                Map.entry(Down.class, "down"), Map.entry(LinksShaped.class, "links"));
        assertThat(JournalEvent.class.getPermittedSubclasses()).hasSize(names.size());
        names.forEach((kind, name) -> assertThat(JournalCodec.name(kind.asSubclass(JournalEvent.class))).isEqualTo(name));
    }

    @Test
    void aKindThisVersionDoesNotKnowIsPassedOverAndATornLineIsAnError() throws IOException {
        assertThat(JournalCodec.read("{\"t\":\"2026-11-29T22:30:54Z\",\"event\":\"from-a-later-version\",\"x\":1}")).isEqualTo(Optional.empty());
        assertThat(JournalCodec.read("{\"t\":\"2026-11-29T22:30:54Z\",\"event\":\"configure\",\"hosts\":4,\"later\":true}").orElseThrow().event())
                .isEqualTo(new ConfigureStarted(4));
        assertThatThrownBy(() -> JournalCodec.read("{\"t\":\"2026-11-29T22:30:54Z\",\"event\":\"state\",\"host\":\"cli"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void secretsAreMaskedInEveryLine() throws IOException {
        String secret = "s3cr3t-journal-events-0123";
        SecretMask.add(secret);
        Path file = dir.resolve("journal.jsonl");
        try (Journal journal = new Journal(file)) {
            journal.append(new WatchFailed("auth failed with " + secret));
        }
        assertThat(Files.readString(file)).doesNotContain(secret).contains(SecretMask.MASK);
    }
}
