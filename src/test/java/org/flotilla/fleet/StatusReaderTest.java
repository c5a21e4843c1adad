package org.flotilla.fleet;

import org.flotilla.fleet.JournalEvent.HostNamed;
import org.flotilla.fleet.JournalEvent.Provisioned;
import org.flotilla.fleet.JournalEvent.RunStarted;
import org.flotilla.fleet.JournalEvent.StateChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Following a journal as it grows tells what reading it whole tells, and never half a line. */
class StatusReaderTest {
    @TempDir
    Path dir;

    @Test
    void aFollowerSeesEachLineOnceWholeAndAgreesWithAWholeRead() throws Exception {
        Run run = Run.create(dir);
        StatusReader follower = new StatusReader(run);
        Instant t = Instant.parse("2026-11-30T03:00:00Z");
        append(run, JournalCodec.line(t, new RunStarted(run.id(), "local", 2, 1)));
        append(run, JournalCodec.line(t, new HostNamed("web-0", "web", 0, "local:web-0", "root")));
        append(run, JournalCodec.line(t, new HostNamed("web-1", "web", 1, "local:web-1", "root")));
        assertThat(follower.read().hosts()).extracting(h -> h.state()).containsExactly(HostState.REQUESTED, HostState.REQUESTED);

        String booting = JournalCodec.line(t.plusSeconds(1), new StateChanged("web-0", HostState.BOOTING, "127.0.0.1", 2222, null));
        String failed = JournalCodec.line(t.plusSeconds(2), new StateChanged("web-1", HostState.FAILED, null, null, "setup step 1/1 exited 3"));
        // The daemon is mid-write: the second line has no newline yet.
        appendRaw(run, booting + "\n" + failed.substring(0, 20));
        RunStatus half = follower.read();
        assertThat(half.hosts().get(0).state()).isEqualTo(HostState.BOOTING);
        assertThat(half.hosts().get(0).host().endpoint()).isEqualTo("127.0.0.1:2222");
        assertThat(half.hosts().get(1).state()).as("a line still being written waits").isEqualTo(HostState.REQUESTED);

        appendRaw(run, failed.substring(20) + "\n");
        append(run, JournalCodec.line(t.plusSeconds(3), new StateChanged("web-0", HostState.READY, null, null, null)));
        append(run, JournalCodec.line(t.plusSeconds(3), new Provisioned(1, 1, 2, true)));
        RunStatus followed = follower.read();
        assertThat(followed.hosts().get(1).state()).isEqualTo(HostState.FAILED);
        assertThat(followed.hosts().get(1).error()).isEqualTo("setup step 1/1 exited 3");
        assertThat(followed.hosts().get(0).reached()).containsOnlyKeys(HostState.BOOTING, HostState.READY);
        assertThat(followed.provisioned()).isTrue();
        assertThat(followed).isEqualTo(RunStatus.read(run));
        assertThat(follower.read()).as("nothing new: the same status").isEqualTo(followed);
    }

    private static void append(Run run, String line) throws Exception {
        appendRaw(run, line + "\n");
    }

    private static void appendRaw(Run run, String text) throws Exception {
        Files.writeString(run.journal(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
