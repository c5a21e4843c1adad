package org.flotilla.provider.local;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

/**
 * A command (or, with none, a shell) on a local host: the shell runs in the host's root directory
 * with HOME there, started by the provider's {@link CommandRunner}. Destroying it (the client
 * closed the channel first) ends the command and its process group.
 */
final class LocalShellCommand implements Command {
    /** The exit code when the runner cannot tell how the command ended (ssh's own for "something failed on the way"). */
    private static final int LOST = 255;

    private final String shell;
    private final String command;
    private final Path root;
    private final Map<String, String> hostEnv;
    private final CommandRunner runner;
    private final ExecutorService pumps;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile RunningCommand running;

    LocalShellCommand(String shell, String command, Path root, Map<String, String> hostEnv, CommandRunner runner, ExecutorService pumps) {
        this.shell = shell;
        this.command = command;
        this.root = root;
        this.hostEnv = hostEnv;
        this.runner = runner;
        this.pumps = pumps;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        List<String> argv = command != null ? List.of(shell, "-c", command) : List.of(shell, "-i");
        Map<String, String> vars = new HashMap<>(hostEnv);
        vars.put("HOME", root.toString());
        running = runner.run(root, vars, argv);
        pumps.execute(this::relay);
    }

    /** Relays the streams until the command's output ends, then its exit code: no output is lost after the exit status. */
    private void relay() {
        int code;
        String lost = null;
        Stdio io = null;
        try {
            io = running.stdio();
            Stdio streams = io;
            CountDownLatch stderrDone = new CountDownLatch(1);
            pumps.execute(() -> pump(in, Channels.newOutputStream(streams.stdin()), true));
            pumps.execute(() -> {
                pump(Channels.newInputStream(streams.stderr()), err, false);
                stderrDone.countDown();
            });
            pump(Channels.newInputStream(io.stdout()), out, false);
            stderrDone.await();
            code = running.exitCode();
        } catch (IOException e) {
            lost = e.getMessage();
            code = LOST;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 130;
        } finally {
            if (io != null) io.close();
        }
        if (lost != null) {
            try {
                err.write(("flotilla: " + lost + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the client went away too
            }
            exit.onExit(code, lost);
        } else {
            exit.onExit(code);
        }
    }

    private static void pump(InputStream from, OutputStream to, boolean closeTarget) {
        try {
            byte[] buf = new byte[8192];
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the other side went away; the process's exit code still tells the story
        } finally {
            if (closeTarget) {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // nothing more to send
                }
            }
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        RunningCommand r = running;
        if (r != null) r.kill();
    }
}
