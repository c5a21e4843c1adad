package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.run.RunControl;
import org.flotilla.output.Bytes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** `flotilla fetch-logs`: bring every host's logs home, verified, resumable. */
final class FetchLogsCommand implements Subcommand {
    @Override
    public String name() {
        return "fetch-logs";
    }

    @Override
    public String summary() {
        return "download each host's logs into runs/<run-id>/logs/<role>/<host>/, sha256-checked, resumable";
    }

    @Override
    public String usage() {
        return "flotilla fetch-logs [--run ID] [--runs-dir DIR] [--out DIR] [--hosts ROLE[,ROLE...]] [--set KEY=VALUE]...";
    }

    @Override
    public String description() {
        return """
                Downloads over SFTP the log paths of each host's role (roles.ROLE.logs and the
                logs { ROLE = [...] } of every test) into DIR/<role>/<host>/ (DIR: runs/<run-id>/logs),
                fetch.parallel hosts at once. A path names a file, a directory (everything below it)
                or a glob in its last part. Files that would share a local name are each kept under
                their remote path. Every file is checked against the SHA-256 the host
                computes of the same bytes (by reading it over SFTP again when the host has no
                sha256sum). Run it again at will: verified files are skipped, partial ones continued.
                A host that fails does not stop the others; the summary names it and why.
                Goes through the run's daemon when it lives (over the sessions it holds); otherwise acts
                directly (cloud and fixed hosts; local hosts die with their daemon).
                Exit code: 0 when every host's logs are home and verified, 1 otherwise.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where logs go (default: runs/<run-id>/logs)").build());
        o.addOption(Option.builder().longOpt("hosts").hasArg().argName("ROLES").desc("only the hosts of these roles (comma-separated)").build());
        CommonOptions.sets(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.getArgList().isEmpty()) throw new UsageError("unexpected arguments: " + String.join(" ", line.getArgList()));
        Run run = CommonOptions.touchedRun(line, "fetch-logs");
        Settings settings = CommonOptions.runSettings(run, line);
        Set<String> roles = line.hasOption("hosts") ? Set.of(line.getOptionValue("hosts").split(",")) : null;
        if (roles != null) {
            for (String r : roles) settings.role(r.strip());
        }
        Path dir = line.hasOption("out") ? Path.of(line.getOptionValue("out")) : run.dir().resolve("logs");
        try (RunControl control = CommonOptions.door(run, line, "fetch-logs", err)) {
            return fetch(control, roles, dir, out);
        }
    }

    /** Also the `test` command's fetch step. */
    static int fetch(RunControl control, Set<String> roles, Path dir, PrintStream out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<HostLogs> results = control.fetchLogs(roles, dir, out::println);
        if (results.isEmpty()) return ExitCode.HOSTS_FAILED;
        double seconds = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
        long bytes = results.stream().mapToLong(HostLogs::bytes).sum();
        int files = results.stream().mapToInt(HostLogs::fetched).sum();
        int here = results.stream().mapToInt(HostLogs::alreadyHere).sum();
        List<HostLogs> failed = results.stream().filter(r -> !r.ok()).toList();
        out.printf("%d files fetched (%s) from %d hosts in %.1f s, %s/s; %d already here and verified; %d hosts failed%n",
                files, Bytes.human(bytes), results.size(), seconds, Bytes.human(bytes / seconds), here, failed.size());
        for (HostLogs f : failed) out.println("  " + f.host() + "  FAILED  " + String.join("; ", f.problems()));
        return failed.isEmpty() ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }
}
