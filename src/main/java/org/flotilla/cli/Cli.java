package org.flotilla.cli;

import org.flotilla.run.RunRefused;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.ParseException;
import org.flotilla.config.ConfigError;
import org.flotilla.output.MaskedStream;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Picks the subcommand, parses its options, maps failures to exit codes and clear messages. */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();

    public Cli(PrintStream out, PrintStream err) {
        this.out = MaskedStream.of(out);
        this.err = MaskedStream.of(err);
        for (Subcommand c : new Subcommand[]{new UpCommand(), new StatusCommand(), new ConfigureCommand(), new PushCommand(), new RunCommand(),
                new FetchLogsCommand(), new TestCommand(), new AnalyzeCommand(), new PkiCommand(), new DownCommand()}) {
            commands.put(c.name(), c);
        }
    }

    public int run(String... given) {
        String[] args = LeadingOptions.after(given, commands.values());
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            overview(args.length == 0 ? err : out);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args[0].equals("help")) {
            if (args.length == 1) {
                overview(out);
                return ExitCode.OK;
            }
            Subcommand c = commands.get(args[1]);
            if (c == null) return unknown(args[1]);
            help(c, out);
            return ExitCode.OK;
        }
        Subcommand c = commands.get(args[0]);
        if (c == null) return unknown(args[0]);
        CommandLine line;
        try {
            line = new DefaultParser().parse(c.options(), Arrays.copyOfRange(args, 1, args.length));
        } catch (ParseException e) {
            err.println("flotilla " + c.name() + ": " + e.getMessage());
            err.println("usage: " + c.usage() + "\n(see `flotilla help " + c.name() + "`)");
            return ExitCode.USAGE;
        }
        if (line.hasOption("help")) {
            help(c, out);
            return ExitCode.OK;
        }
        try {
            return c.run(line, out, err);
        } catch (UsageError e) {
            err.println("flotilla " + c.name() + ": " + e.getMessage());
            return ExitCode.USAGE;
        } catch (ConfigError e) {
            err.println("flotilla " + c.name() + ": config error: " + e.getMessage());
            err.println("nothing was launched");
            return ExitCode.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("flotilla " + c.name() + ": " + e.getMessage());
            return ExitCode.USAGE;
        } catch (RunRefused e) {
            err.println("flotilla " + c.name() + ": " + e.getMessage());
            return ExitCode.HOSTS_FAILED;
        } catch (UncheckedIOException e) {
            err.println("flotilla " + c.name() + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            return ExitCode.HOSTS_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("flotilla " + c.name() + ": interrupted");
            return ExitCode.HOSTS_FAILED;
        } catch (Exception e) {
            err.println("flotilla " + c.name() + ": " + e);
            return ExitCode.HOSTS_FAILED;
        }
    }

    private int unknown(String name) {
        err.println("flotilla: unknown command '" + name + "' (commands: " + String.join(", ", commands.keySet()) + ", help)");
        return ExitCode.USAGE;
    }

    private void overview(PrintStream to) {
        to.println("usage: flotilla [OPTIONS] COMMAND [OPTIONS]");
        to.println();
        to.println("Launches a fleet of temporary machines, configures each over SSH the moment it is reachable,");
        to.println("and terminates every machine it started.");
        to.println();
        to.println("commands:");
        for (Subcommand c : commands.values()) to.printf("  %-12s%s%n", c.name(), c.summary());
        to.printf("  %-12s%s%n", "help", "this overview; `flotilla help COMMAND` for one command");
        to.println();
        to.println("exit codes: 0 ok, 1 some hosts failed, 2 bad usage or bad config");
        to.println("`flotilla help COMMAND` or `flotilla COMMAND --help` shows a command's options;");
        to.println("they may also come before the command: `flotilla --runs-dir DIR status`.");
    }

    private static void help(Subcommand c, PrintStream to) {
        PrintWriter w = new PrintWriter(to);
        w.println("usage: " + c.usage());
        w.println();
        w.println(c.description());
        w.println();
        w.println("options:");
        HelpFormatter f = HelpFormatter.builder().get();
        f.setSyntaxPrefix("");
        f.setOptionComparator(null);
        f.printOptions(w, 100, c.options(), 2, 3);
        w.flush();
    }
}
