package org.flotilla.schedule;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrapper a fired command runs in, with bash and with a plain POSIX sh (hosts without bash). */
class FireWrapperTest {

    private static HostOutput run(String shell, String wrapper, String startLine) throws Exception {
        return run(shell, wrapper, startLine, false);
    }

    /** @param keepStdinOpen as an SSH channel does: the wait is then bash's own timed read */
    private static HostOutput run(String shell, String wrapper, String startLine, boolean keepStdinOpen) throws Exception {
        Process p = new ProcessBuilder(shell, "-c", wrapper, "flotilla-fire", "echo out; echo err >&2; exit 3", "10").start();
        p.getOutputStream().write((startLine + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        if (!keepStdinOpen) p.getOutputStream().close();
        HostOutput err = new HostOutput(new CountDownLatch(1));
        err.write(p.getErrorStream().readAllBytes());
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("out\n");
        assertThat(p.waitFor()).isEqualTo(3);
        p.getOutputStream().close();
        return err;
    }

    @Test
    void bashWaitsForTheStartInstantAndReportsItsWindow() throws Exception {
        Instant at = Instant.now().plusMillis(300);
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;

        HostOutput err = run("bash", Fire.BASH_WRAPPER, Long.toString(micros));

        assertThat(err.isReady()).isTrue();
        assertThat(err.exit()).isEqualTo(3);
        assertThat(err.start()).isAfterOrEqualTo(at).isBefore(at.plus(Duration.ofMillis(250)));
        assertThat(err.end()).isAfterOrEqualTo(err.start());
        assertThat(err.text().strip()).isEqualTo("err");
    }

    @Test
    void bashWaitsWithItsOwnTimedReadWhileTheChannelStaysOpen() throws Exception {
        Instant at = Instant.now().plusMillis(300);

        HostOutput err = run("bash", Fire.BASH_WRAPPER, Long.toString(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000), true);

        assertThat(err.start()).isAfterOrEqualTo(at).isBefore(at.plus(Duration.ofMillis(250)));
        assertThat(err.exit()).isEqualTo(3);
    }

    @Test
    void plainShStartsOnTheLineAndReportsItsWindow() throws Exception {
        Instant before = Instant.now();

        HostOutput err = run("sh", Fire.SH_WRAPPER, "0");

        assertThat(err.isReady()).isTrue();
        assertThat(err.exit()).isEqualTo(3);
        assertThat(err.start()).isAfterOrEqualTo(before.minusMillis(5));
        assertThat(err.text().strip()).isEqualTo("err");
    }
}
