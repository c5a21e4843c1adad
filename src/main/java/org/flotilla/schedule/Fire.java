package org.flotilla.schedule;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.flotilla.fleet.Host;
import org.flotilla.ssh.ShellWords;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one command on many hosts at one instant. Every host first gets its command inside
 * a small wrapper that announces it is ready (with its clock's reading) and then waits for
 * one line on stdin. Once all hosts wait (sessions, channels and processes already up), each
 * is sent the instant to start at: one instant for the whole fleet, a little ahead. Each host
 * sleeps until then by its own clock, so the spread does not grow with the time it takes to
 * reach hundreds of hosts. Keeping clocks in step is NTP's job; the offsets seen when hosts
 * said ready are reported, not used (on a busy controller they measure its own delays).
 * A host without bash starts when the line arrives.
 */
final class Fire {
    /**
     * $1: the command, $2: the seconds after which the host itself stops it; instants from
     * $EPOCHREALTIME. The wait is bash's own `read -t` on the channel (which stays silent): no
     * fork between reading the clock and waking, so hundreds of hosts on one busy machine wake
     * together; should stdin close early, sleep(1) waits out the rest.
     */
    static final String BASH_WRAPPER = "printf 'flotilla-ready %s\\n' \"$EPOCHREALTIME\" >&2; IFS= read -r at || exit 97; "
            + "if [[ $at =~ ^[0-9]+$ ]]; then now=${EPOCHREALTIME/./}; d=$(( at - now )); "
            + "if (( d > 0 )); then printf -v t '%d.%06d' $(( d / 1000000 )) $(( d % 1000000 )); IFS= read -r -t \"$t\" _; "
            // stdin closed early (read says EOF, not timeout): sleep out the rest instead
            + "if (( $? <= 128 )); then d=$(( at - ${EPOCHREALTIME/./} )); "
            + "(( d > 0 )) && sleep \"$(( d / 1000000 )).$(printf %06d $(( d % 1000000 )))\"; fi; fi; fi; "
            + "s=$EPOCHREALTIME; timeout -k 5 \"$2\" sh -c \"$1\" </dev/null; rc=$?; e=$EPOCHREALTIME; "
            + "printf '\\nflotilla-window %s %s %s\\n' \"$s\" \"$e\" \"$rc\" >&2; exit $rc";

    /** The same for a plain POSIX shell: starts on the line's arrival, instants from date(1). */
    static final String SH_WRAPPER = "printf 'flotilla-ready %s\\n' \"$(date +%s.%N)\" >&2; IFS= read -r at || exit 97; "
            + "s=$(date +%s.%N); timeout -k 5 \"$2\" sh -c \"$1\" </dev/null; rc=$?; e=$(date +%s.%N); "
            + "printf '\\nflotilla-window %s %s %s\\n' \"$s\" \"$e\" \"$rc\" >&2; exit $rc";

    /** How long after the last host is ready the fleet starts: room to send the instant to every host. */
    static Duration lead(int hosts) {
        return Duration.ofMillis(Math.min(2_000, 50 + 2L * hosts));
    }

    /** One host's part: its session, its rendered command, and what it said. */
    record Shot(Host host, ClientSession session, String command) {
    }

    /** What happened on one host. */
    /** @param clockOffset how far the host's clock read from ours when it was ready (null when it never was) */
    record Result(Host host, Instant start, Instant end, int exit, String error, String stdout, String stderr, Duration clockOffset) {
    }

    /**
     * Every host's result, how long sending the start instant to all of them took here, and
     * the largest clock offset between a host and this machine.
     */
    record Fired(List<Result> results, Duration release, Duration maxOffset) {
    }

    private Fire() {
    }

    static String wrapped(String command, Duration limit) {
        String args = " flotilla-fire " + ShellWords.quote(command) + " " + Math.max(1, limit.toSeconds());
        return "if command -v bash >/dev/null 2>&1; then exec bash -c " + ShellWords.quote(BASH_WRAPPER) + args
                + "; else exec sh -c " + ShellWords.quote(SH_WRAPPER) + args + "; fi";
    }

    /**
     * Runs the shots: prepare everywhere, release everywhere, wait for the end.
     *
     * @param limit duration + grace: the host stops the command after this
     * @param readyTimeout how long hosts may take to be ready before those are counted failed
     */
    static Fired run(List<Shot> shots, Duration limit, Duration readyTimeout) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(shots.size());
        List<ChannelExec> channels = new ArrayList<>();
        List<HostOutput> errs = new ArrayList<>();
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            HostOutput err = new HostOutput(ready);
            ByteArrayOutputStream out = new TailStream(HostOutput.KEEP);
            errs.add(err);
            outs.add(out);
            try {
                ChannelExec ch = shot.session().createExecChannel(wrapped(shot.command(), limit));
                ch.setOut(out);
                ch.setErr(err);
                ch.open(); // asynchronous: every host gets its channel at once
                channels.add(ch);
            } catch (IOException e) {
                channels.add(null);
                failed.put(i, "could not open a channel: " + e.getMessage());
                ready.countDown();
            }
        }
        ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        List<Integer> released = new ArrayList<>();
        long releaseStart = System.nanoTime();
        Instant at = Instant.now().plus(lead(shots.size()));
        Duration maxOffset = Duration.ZERO;
        for (int i = 0; i < shots.size(); i++) {
            ChannelExec ch = channels.get(i);
            if (ch == null) continue;
            if (!errs.get(i).isReady()) {
                failed.put(i, "not ready to start within " + readyTimeout.toSeconds() + "s");
                continue;
            }
            Duration offset = errs.get(i).clockOffset();
            if (offset.abs().compareTo(maxOffset) > 0) maxOffset = offset.abs();
            try {
                signal(ch, at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
                released.add(i);
            } catch (IOException e) {
                failed.put(i, "could not start: " + e.getMessage());
            }
        }
        Duration release = Duration.ofNanos(System.nanoTime() - releaseStart);
        long deadline = System.nanoTime() + limit.plusSeconds(30).toNanos();
        for (int i : released) {
            long left = Math.max(1, deadline - System.nanoTime());
            var events = channels.get(i).waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofNanos(left));
            if (events.contains(ClientChannelEvent.TIMEOUT)) failed.put(i, "did not end within " + limit.plusSeconds(30).toSeconds() + "s");
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            ChannelExec ch = channels.get(i);
            if (ch != null) ch.close(false);
            HostOutput err = errs.get(i);
            Integer exit = err.exit() != null ? err.exit() : ch == null ? null : ch.getExitStatus();
            String error = failed.get(i);
            if (error == null && exit != null && exit == 124) error = "stopped by the host after " + limit.toSeconds() + "s (duration + grace)";
            if (error == null && exit == null) error = "ended without an exit status";
            results.add(new Result(shots.get(i).host(), err.start(), err.end(), exit == null ? -1 : exit, error,
                    outs.get(i).toString(StandardCharsets.UTF_8), err.text(), err.isReady() ? err.clockOffset() : null));
        }
        return new Fired(results, release, maxOffset);
    }

    /**
     * Sends the start line (the instant, in microseconds of the host's clock) as a raw
     * CHANNEL_DATA packet: queued for the socket at once, without waiting for it to be written
     * as the channel's stdin stream would. A few bytes are far inside the window the host
     * granted when the channel opened.
     */
    private static void signal(ChannelExec ch, long atMicros) throws IOException {
        Buffer buf = ch.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, 32);
        buf.putUInt(ch.getRecipient());
        buf.putBytes((atMicros + "\n").getBytes(StandardCharsets.US_ASCII));
        ch.getSession().writePacket(buf);
    }

    /** Keeps the last bytes written: a chatty test cannot fill the controller's memory. */
    static final class TailStream extends ByteArrayOutputStream {
        private final int keep;

        TailStream(int keep) {
            this.keep = keep;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (count > 2 * keep) {
                System.arraycopy(buf, count - keep, buf, 0, keep);
                count = keep;
            }
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }
    }
}
