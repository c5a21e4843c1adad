package org.flotilla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.config.ProviderKind;
import org.flotilla.daemon.DaemonInfo;
import org.flotilla.dashboard.Dashboard;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.RunStatus;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `flotilla status`: one line per host, from the run's journal. */
final class StatusCommand implements Subcommand {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show every host of a run: id, role, address, state (and why it failed)";
    }

    @Override
    public String usage() {
        return "flotilla status [--run ID] [--runs-dir DIR] [--json]";
    }

    @Override
    public String description() {
        return """
                Reads the run's journal (runs/<run-id>/journal.jsonl), the truth about the run, and prints
                one line per host: id, role, address, state, error. Also says whether the run's daemon lives,
                and why the daemon tore the fleet down by itself (provision.idle-stop), if it did.
                --json prints {"run": ..., "daemon": {...}, "hosts": [{"id", "role", "address", "port", "state", "error"}]},
                "daemon" has "dashboard": its address, when it serves one; and "down": the reason, when the daemon tore the fleet down by itself.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        o.addOption(Option.builder().longOpt("json").desc("print JSON instead of a table").build());
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Run run = CommonOptions.touchedRun(line, "status");
        RunStatus status = RunStatus.read(run);
        Optional<DaemonInfo> daemon = DaemonInfo.alive(run);
        if (line.hasOption("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", run.id());
            doc.put("provider", status.provider());
            doc.put("daemon", daemon.<Map<String, Object>>map(d -> d.dashboard() == null ? Map.of("alive", true, "pid", d.pid())
                    : Map.of("alive", true, "pid", d.pid(), "dashboard", d.dashboard())).orElse(Map.of("alive", false)));
            List<Map<String, Object>> hosts = new ArrayList<>();
            for (RunStatus.HostStatus h : status.hosts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", h.host().id());
                m.put("role", h.host().role());
                m.put("address", h.host().address());
                m.put("port", h.host().port());
                m.put("state", h.state().name());
                m.put("error", h.error());
                hosts.add(m);
            }
            doc.put("hosts", hosts);
            if (status.downReason() != null) doc.put("down", status.downReason());
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return ExitCode.OK;
        }
        out.println("run " + run.id() + " (provider " + status.provider() + "), daemon "
                + daemon.map(d -> "pid " + d.pid()).orElse("not running"));
        daemon.map(DaemonInfo::dashboard).ifPresent(url -> out.println(Dashboard.announce(url, run)));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"HOST", "ROLE", "ADDRESS", "STATE", "ERROR"});
        for (RunStatus.HostStatus h : status.hosts()) {
            rows.add(new String[]{h.host().id(), h.host().role(), h.host().endpoint(), h.state().name(),
                    h.error() == null ? "" : h.error()});
        }
        int[] width = new int[4];
        for (String[] r : rows) for (int i = 0; i < 4; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) b.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            b.append(r[4]);
            out.println(b.toString().stripTrailing());
        }
        if (status.downReason() != null) out.println("torn down by the daemon: " + status.downReason());
        boolean orphaned = daemon.isEmpty() && ProviderKind.named(status.provider()).filter(k -> !k.hostsOutliveProcess()).isPresent()
                && status.hosts().stream().anyMatch(h -> h.state() != HostState.TERMINATED);
        if (orphaned) {
            out.println("note: the daemon is gone, and local hosts live inside it: these hosts died with it;"
                    + " `flotilla down` records that in the journal");
        }
        return ExitCode.OK;
    }
}
