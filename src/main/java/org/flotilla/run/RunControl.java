package org.flotilla.run;

import org.flotilla.config.Settings;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.provision.HostPush;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operations on one run that every command goes through: in this process ({@link InProcessRun}),
 * or through the run's daemon when it lives (daemon.DaemonRun). Which one is decided once per
 * command (daemon.RunDoor); nothing after that asks again.
 */
public interface RunControl extends AutoCloseable {
    Run run();

    /** The settings the operations use: the daemon's own when it holds the fleet. */
    Settings settings();

    /** How the operations reach the fleet, for the user: "" here, " through its daemon (pid N)" there. */
    String via();

    /** Renders, uploads and runs setup again on every host that is not terminated. */
    Outcome configure() throws IOException, InterruptedException;

    /** Uploads what changed in these roles' resources to their READY hosts, reloads where anything did. */
    List<HostPush> push(List<String> roles) throws IOException, InterruptedException;

    /**
     * Runs a test (one pattern, or all with null) on the READY hosts of its roles; journals and
     * returns every window. {@code sets} (--set KEY=VALUE) lay over the run's settings for this test
     * alone, e.g. vars its command reads.
     */
    List<Window> runTest(String test, String pattern, List<String> sets, Consumer<String> say) throws IOException, InterruptedException;

    /** Brings the logs of the running hosts (of these roles; null: all) into dir/ROLE/HOST/. */
    List<HostLogs> fetchLogs(Set<String> roles, Path dir, Consumer<String> say) throws IOException, InterruptedException;

    /** Terminates every host of the run. */
    Downed down() throws IOException, InterruptedException;

    @Override
    void close();
}
