package org.flotilla.provider.local;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

/** A command (or, with none, a shell) on a local host: the shell runs in the host's root directory. */
final class LocalShellCommand implements Command {
    private final String shell;
    private final String command;
    private final Path root;
    private final Map<String, String> hostEnv;
    private final ExecutorService pumps;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    LocalShellCommand(String shell, String command, Path root, Map<String, String> hostEnv, ExecutorService pumps) {
        this.shell = shell;
        this.command = command;
        this.root = root;
        this.hostEnv = hostEnv;
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
    public void start(ChannelSession channel, Environment env) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(shell);
        if (command != null) {
            argv.add("-c");
            argv.add(command);
        } else {
            argv.add("-i");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile());
        pb.environment().putAll(hostEnv);
        pb.environment().put("HOME", root.toString());
        process = pb.start();
        CountDownLatch stderrDone = new CountDownLatch(1);
        pumps.execute(() -> pump(in, process.getOutputStream(), true));
        pumps.execute(() -> {
            pump(process.getErrorStream(), err, false);
            stderrDone.countDown();
        });
        pumps.execute(() -> {
            pump(process.getInputStream(), out, false);
            int code;
            try {
                code = process.waitFor();
                stderrDone.await(); // no output is lost after the exit status
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 130;
            }
            exit.onExit(code);
        });
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
        Process p = process;
        if (p != null) p.destroy();
    }
}
