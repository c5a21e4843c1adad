package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.pki.CertificateUse;
import org.flotilla.pki.RunPki;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** `flotilla pki init`: the run's certificate authority, tls-crypt key and host certificates, made where missing. */
final class PkiCommand implements Subcommand {
    @Override
    public String name() {
        return "pki";
    }

    @Override
    public String summary() {
        return "`pki init`: make the run's CA, tls-crypt key and host certificates";
    }

    @Override
    public String usage() {
        return "flotilla pki init [--run ID] [--runs-dir DIR]";
    }

    @Override
    public String description() {
        return """
                Makes what is missing of the run's PKI in runs/<run-id>/pki/ and prints where it is:
                a certificate authority (ca.pem, ca.key), an OpenVPN tls-crypt key (tls-crypt.key) and,
                for every host of a role with `certificate = server` or `client` that has an address,
                its own certificate and key (<host>.pem, <host>.key). A server certificate names the
                host's address. Private keys are mode 0600. What is there and still fits is kept.
                `up` does the same by itself when a role asks for a certificate.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        List<String> args = line.getArgList();
        if (args.size() != 1 || !args.get(0).equals("init")) {
            throw new UsageError(args.isEmpty() ? "what to do? usage: " + usage() : "unknown action '" + String.join(" ", args) + "' (usage: " + usage() + ")");
        }
        Run run = CommonOptions.run(line);
        Settings settings = CommonOptions.runSettings(run, line);
        RunPki pki = RunPki.open(run.dir(), run.id());
        out.println("pki of run " + run.id() + ": " + pki.dir());
        int hosts = 0;
        for (RunStatus.HostStatus h : RunStatus.read(run).hosts()) {
            CertificateUse use = settings.roles().stream().filter(r -> r.name().equals(h.host().role()))
                    .map(RoleSpec::certificate).findFirst().orElse(CertificateUse.NONE);
            if (use == CertificateUse.NONE || h.state() == HostState.TERMINATED) continue;
            if (!h.host().hasAddress()) {
                out.println("  " + h.host().id() + ": no address yet; its certificate is made when it is configured");
                continue;
            }
            pki.host(h.host().id(), use, h.host().address());
            out.println("  " + h.host().id() + " (" + use.word() + ", " + h.host().address() + "): "
                    + pki.certificateFile(h.host().id()) + ", " + pki.keyFile(h.host().id()).getFileName());
            hosts++;
        }
        if (hosts == 0 && !settings.needsPki()) out.println("  no role has `certificate = server` or `client`: no host certificates");
        List<Path> made = pki.created();
        out.println(made.isEmpty() ? "nothing was missing" : "made: " + String.join(", ", made.stream().map(p -> p.getFileName().toString()).toList()));
        out.println("check: openssl verify -CAfile " + pki.dir().resolve("ca.pem") + " " + pki.dir() + "/*-*.pem");
        return ExitCode.OK;
    }
}
