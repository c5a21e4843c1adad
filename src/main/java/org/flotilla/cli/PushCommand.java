package org.flotilla.cli;

import org.flotilla.run.RunControl;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.provision.HostPush;

import java.io.PrintStream;
import java.util.List;

/** `flotilla push ROLE...`: upload what changed in the roles' resources to their hosts and reload them. */
final class PushCommand implements Subcommand {
    @Override
    public String name() {
        return "push";
    }

    @Override
    public String summary() {
        return "upload changed resources to the hosts of roles, run their reload steps";
    }

    @Override
    public String usage() {
        return "flotilla push ROLE... [--run ID] [--runs-dir DIR] [--set KEY=VALUE]...";
    }

    @Override
    public String description() {
        return """
                Renders the resources of the named roles for each of their READY hosts, with the run's
                settings (runs/<run-id>/settings.conf) and the files under resources-dir as they are now,
                and uploads those whose bytes differ from the host's copy (compared by SHA-256 of the
                file read back over SFTP). On each host where anything was uploaded it then runs the
                role's `reload` steps (e.g. restart a service so it reads its new file); no setup step
                runs. Prints, per host, what was uploaded and what was unchanged.
                Goes through the run's daemon when it lives; otherwise acts directly (cloud and fixed
                hosts; local hosts die with their daemon). --set applies only when acting directly.
                Exit code: 0 when every host of the roles took the push, 1 when one failed or was not
                READY, 2 for bad usage (no role, an unknown role).""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        CommonOptions.sets(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> roles = line.getArgList();
        if (roles.isEmpty()) throw new UsageError("name the roles to push to, e.g. `flotilla push client`");
        Run run = CommonOptions.touchedRun(line, "push");
        Settings settings = CommonOptions.runSettings(run, line);
        List<String> known = settings.roles().stream().map(RoleSpec::name).toList();
        for (String role : roles) {
            if (!known.contains(role)) throw new UsageError("run " + run.id() + " has no role '" + role + "' (roles: " + String.join(", ", known) + ")");
        }
        try (RunControl control = CommonOptions.door(run, line, "push", err)) {
            out.println("pushing to " + String.join(", ", roles) + " of run " + run.id() + control.via() + " ...");
            return report(control.push(roles), out);
        }
    }

    private static int report(List<HostPush> hosts, PrintStream out) {
        int changed = 0;
        int failed = 0;
        for (HostPush h : hosts) {
            if (h.error() != null) {
                failed++;
                out.println("  " + h.host() + ": " + (h.uploaded().isEmpty() ? "" : "uploaded " + String.join(", ", h.uploaded()) + "; ")
                        + "FAILED: " + h.error());
                continue;
            }
            if (!h.uploaded().isEmpty()) changed++;
            out.println("  " + h.host() + ": "
                    + (h.uploaded().isEmpty() ? "" : "uploaded " + String.join(", ", h.uploaded()) + "; ")
                    + (h.unchanged().isEmpty() ? "" : "unchanged " + String.join(", ", h.unchanged()) + "; ")
                    + (h.reloaded() ? "reloaded" : h.uploaded().isEmpty() ? "nothing to reload" : "no reload steps"));
        }
        out.println(hosts.size() + " hosts: " + changed + " changed, " + (hosts.size() - changed - failed) + " unchanged, " + failed + " failed");
        return failed == 0 ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }
}
