package org.flotilla.provider.local;

import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flotilla.provider.local.LocalHostShell.PATIENCE;

/** What a user's SSH client sees of the commands a local host runs. */
class LocalShellCommandTest {
    @TempDir
    Path dir;
    private List<Long> before;
    private LocalHostShell box;

    @BeforeEach
    void boot() throws Exception {
        before = runners();
        box = new LocalHostShell(dir, "test-" + UUID.randomUUID());
    }

    @AfterEach
    void end() {
        box.close();
    }

    @Test
    void stdoutStderrAndTheExitCodeComeBackApart() throws Exception {
        var r = box.exec("echo to-out; echo to-err >&2; exit 3");
        assertThat(r.stdout()).isEqualTo("to-out\n");
        assertThat(r.stderr()).isEqualTo("to-err\n");
        assertThat(r.status()).isEqualTo(3);
        assertThat(box.exec("kill -9 $$").status()).as("killed by SIGKILL, as sshd reports it").isEqualTo(137);
    }

    @Test
    void aCommandRunsInTheHostsRootWithItsHomeAndVariables() throws Exception {
        var r = box.exec("pwd; echo \"$HOME\"; echo \"$FLOTILLA_HOST\"; echo \"$PATH\"");
        assertThat(r.stdout().lines().toList()).containsExactly(box.root.toString(), box.root.toString(), box.host.id(), System.getenv("PATH"));
        assertThat(r.status()).isZero();
    }

    @Test
    void stdinArrivesWholeAndEnds() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(18).nextBytes(data);
        var r = box.exec("cat > got.bin && wc -c < got.bin", data);
        assertThat(r.stdout().strip()).isEqualTo(Integer.toString(data.length));
        assertThat(Files.readAllBytes(box.root.resolve("got.bin"))).isEqualTo(data);
        assertThat(box.exec("wc -l", "a\nb\n".getBytes(StandardCharsets.UTF_8)).stdout().strip()).isEqualTo("2");
    }

    @Test
    void allOutputArrivesBeforeTheExitStatus() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientChannel channel = box.session.createExecChannel("seq 1 200000; seq 1 50000 >&2")) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(PATIENCE);
            channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), PATIENCE);
            assertThat(channel.getExitStatus()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(200000);
            assertThat(err.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(50000);
        }
    }

    @Test
    void aDroppedConnectionEndsTheCommandAndWhatItStarted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long shell;
        long child;
        try (ClientChannel channel = box.session.createExecChannel("sleep 300 & echo $$ $!; wait")) {
            channel.setOut(out);
            channel.open().verify(PATIENCE);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < deadline) Thread.sleep(20);
            String[] pids = out.toString(StandardCharsets.UTF_8).strip().split(" ");
            shell = Long.parseLong(pids[0]);
            child = Long.parseLong(pids[1]);
            assertThat(ProcessHandle.of(child)).as("sleep runs").isPresent();
            box.session.close(true); // as an ssh client does when it is interrupted: the connection drops
        }
        assertThat(ended(shell)).as("the shell ended").isTrue();
        assertThat(ended(child)).as("its sleep ended").isTrue();
    }

    @Test
    void aBackgroundProcessOutlivesTheCommandThatStartedItUntilTheHostEnds() throws Exception {
        var r = box.exec("sleep 300 > /dev/null 2>&1 & echo $!");
        assertThat(r.status()).isZero();
        long sampler = Long.parseLong(r.stdout().strip());
        try {
            assertThat(ProcessHandle.of(sampler).map(ProcessHandle::isAlive)).as("a sampler a setup step started").contains(true);
            box.provider.terminate(List.of(box.host));
            assertThat(ended(sampler)).isTrue();
        } finally {
            ProcessHandle.of(sampler).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void anInteractiveShellReadsItsInput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedOutputStream typing = new PipedOutputStream();
        try (ChannelShell channel = box.session.createShellChannel()) {
            channel.setIn(new PipedInputStream(typing));
            channel.setOut(out);
            channel.setErr(new ByteArrayOutputStream());
            channel.open().verify(PATIENCE);
            typing.write("echo \"in $PWD\"\nexit 4\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), PATIENCE);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("in " + box.root);
            assertThat(channel.getExitStatus()).isEqualTo(4);
        } finally {
            typing.close();
        }
    }

    @Test
    void whenTheRunnerDiesCommandsFailSayingSoAndNothingHangs() throws Exception {
        assertThat(box.exec("true").status()).isZero();
        List<Long> mine = runners();
        mine.removeAll(before);
        assertThat(mine).as("one runner for the provider").hasSize(1);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientChannel running = box.session.createExecChannel("sleep 300")) {
            running.setOut(new ByteArrayOutputStream());
            running.setErr(err);
            running.open().verify(PATIENCE);
            ProcessHandle.of(mine.get(0)).orElseThrow().destroyForcibly();
            running.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), PATIENCE);
            assertThat(running.getExitStatus()).isEqualTo(255);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("command runner (perl, pid " + mine.get(0) + ") ended");
        }
        var later = box.exec("echo never");
        assertThat(later.status()).isEqualTo(255);
        assertThat(later.stdout()).isEmpty();
        assertThat(later.stderr()).contains("command runner (perl, pid " + mine.get(0) + ") ended");
    }

    @Test
    void theRunnerEndsWithTheProviderAndTakesRunningCommandsWithIt() throws Exception {
        var r = box.exec("sleep 300 > /dev/null 2>&1 & echo $!");
        long sleeper = Long.parseLong(r.stdout().strip());
        List<Long> mine = runners();
        mine.removeAll(before);
        try {
            box.close();
            assertThat(mine).allSatisfy(pid -> assertThat(ended(pid)).as("runner %d", pid).isTrue());
            assertThat(ended(sleeper)).isTrue();
            assertThat(runners()).containsExactlyInAnyOrderElementsOf(before);
        } finally {
            ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The command runners this JVM started (perl children). */
    private static List<Long> runners() {
        return new java.util.ArrayList<>(ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/perl") || c.contains("/perl5")).orElse(false))
                .map(ProcessHandle::pid).toList());
    }

    /**
     * Waits (generously: the machine is shared) for the process to end. A zombie has ended: on this
     * machine PID 1 does not reap the orphans it adopts.
     */
    private static boolean ended(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String s;
            try {
                s = Files.readString(stat);
            } catch (java.io.IOException gone) {
                return true;
            }
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) return true;
            Thread.sleep(50);
        }
        return false;
    }
}
