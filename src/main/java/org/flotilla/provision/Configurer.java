package org.flotilla.provision;

import org.flotilla.config.ResourceSpec;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.pki.CertificateUse;
import org.flotilla.pki.HostCredentials;
import org.flotilla.pki.RunPki;
import org.flotilla.render.HostModel;
import org.flotilla.config.TestPlan;
import org.flotilla.schedule.Crontab;
import org.flotilla.schedule.TestModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.flotilla.render.RenderFailure;
import org.flotilla.render.Templates;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.Upload;
import org.flotilla.ssh.UploadFailure;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Applies a role's recipe to one host over its session: render and upload resources, then run setup steps in order. */
public final class Configurer {
    private final Settings settings;
    private final String runId;
    private final Instant runStart;
    private final Fleet fleet;
    private final Templates templates;
    private final HostLog log;
    private final RunPki pki;
    private final Map<String, Object> runModel;

    /** @param pki the run's PKI, or null when no role asks for a certificate */
    public Configurer(Settings settings, String runId, Instant runStart, Fleet fleet, Templates templates, HostLog log, RunPki pki) {
        this(settings, runId, runStart, fleet, templates, log, pki, Map.of());
    }

    /** @param runModel what every host's templates see besides the host model and the PKI, e.g. the run's `secrets` */
    public Configurer(Settings settings, String runId, Instant runStart, Fleet fleet, Templates templates, HostLog log, RunPki pki,
                      Map<String, Object> runModel) {
        this.settings = settings;
        this.pki = pki;
        this.runId = runId;
        this.runStart = runStart;
        this.fleet = fleet;
        this.templates = templates;
        this.log = log;
        this.runModel = runModel;
    }

    public void configure(Host host, Remote remote) throws StepFailure {
        RoleSpec role = settings.role(host.role());
        Map<String, Object> model = model(host, role);
        List<Rendered> files = new ArrayList<>();
        for (ResourceSpec r : role.resources()) files.add(render(role, r, model));
        upload(host, remote, files);
        runSteps(host, remote, role, "setup", role.setup(), model);
        installCrontab(host, remote, model);
    }

    /** What a role's resource becomes on one host. */
    public record Rendered(String source, String dest, byte[] content, int mode) {
    }

    /**
     * Uploads the role's resources whose rendered bytes differ from the host's file (or which it
     * lacks), then, when any did, runs the role's `reload` steps. No setup step runs.
     */
    public HostPush push(Host host, Remote remote) throws StepFailure {
        RoleSpec role = settings.role(host.role());
        Map<String, Object> model = model(host, role);
        List<Rendered> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ResourceSpec r : role.resources()) {
            Rendered file = render(role, r, model);
            boolean same;
            try {
                same = remote.holds(file.dest(), file.content());
            } catch (IOException e) {
                throw new StepFailure("cannot compare " + file.dest() + " with " + r.source() + ": " + e.getMessage(), e);
            }
            if (same) {
                unchanged.add(file.dest());
                log.write(host, "push: " + file.dest() + " unchanged");
            } else {
                changed.add(file);
            }
        }
        upload(host, remote, changed);
        List<String> uploaded = changed.stream().map(Rendered::dest).toList();
        boolean reload = !uploaded.isEmpty() && !role.reload().isEmpty();
        if (reload) {
            try {
                runSteps(host, remote, role, "reload", role.reload(), model);
            } catch (StepFailure e) {
                // the files are there all the same: say so along with the failed step
                log.write(host, "push FAILED: " + e.getMessage());
                return new HostPush(host.id(), host.role(), uploaded, unchanged, false, e.getMessage());
            }
        }
        return new HostPush(host.id(), host.role(), uploaded, unchanged, reload, null);
    }

    private Map<String, Object> model(Host host, RoleSpec role) throws StepFailure {
        Map<String, Object> model = HostModel.of(host, settings.roles().stream().map(RoleSpec::name).toList(), fleet.hosts(), runId, runStart, settings.vars(), role.vars());
        if (pki != null) HostModel.withPki(model, pki.ca(), pki.tlsCrypt(), credentials(host, role.certificate()));
        model.putAll(runModel);
        return model;
    }

    private Rendered render(RoleSpec role, ResourceSpec r, Map<String, Object> model) throws StepFailure {
        byte[] content;
        try {
            content = r.isTemplate() ? templates.renderFile(r.source(), model) : templates.staticFile(r.source());
        } catch (RenderFailure e) {
            throw new StepFailure("template " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StepFailure("cannot read resource " + r.source() + ": " + e.getMessage(), e);
        }
        if (r.isTemplate() && (r.mode() & 077) != 0 && carriesSecret(content)) {
            throw new StepFailure("resource " + r.source() + " carries a private key (host.key or pki.tlsCrypt) but has mode "
                    + String.format("%04o", r.mode()) + ": give it mode = \"0600\" in roles." + role.name() + ".resources", null);
        }
        String dest;
        try {
            dest = r.dest().contains("${") ? templates.renderInline("roles." + role.name() + ".resources.dest", r.dest(), model) : r.dest();
        } catch (RenderFailure e) {
            throw new StepFailure("template " + e.getMessage(), e);
        }
        return new Rendered(r.source(), dest, content, r.mode());
    }

    /** Uploads the files together; the log names each one once they are all there. */
    private void upload(Host host, Remote remote, List<Rendered> files) throws StepFailure {
        try {
            remote.upload(files.stream().map(f -> new Upload(f.content(), f.dest(), f.mode())).toList());
        } catch (UploadFailure e) {
            String source = files.stream().filter(f -> f.dest().equals(e.dest())).map(Rendered::source).findFirst().orElse("?");
            throw new StepFailure("upload of " + source + " to " + e.dest() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StepFailure("upload of " + files.size() + " resources failed: " + e.getMessage(), e);
        }
        for (Rendered f : files) {
            log.write(host, "upload " + f.source() + " -> " + f.dest() + " (" + f.content().length + " bytes, mode "
                    + String.format("%04o", f.mode()) + ")");
        }
    }

    /** Runs the role's steps of one kind (setup, reload) in order; the first that fails ends the host's pass. */
    private void runSteps(Host host, Remote remote, RoleSpec role, String kind, List<String> steps, Map<String, Object> model) throws StepFailure {
        for (int i = 0; i < steps.size(); i++) {
            String name = "roles." + role.name() + "." + kind + "[" + i + "]";
            String command;
            try {
                command = templates.renderInline(name, steps.get(i), model);
            } catch (RenderFailure e) {
                throw new StepFailure("template " + e.getMessage(), e);
            }
            String step = kind + " step " + (i + 1) + "/" + steps.size() + " `" + command + "`";
            log.write(host, step + ": running");
            ExecResult result;
            try {
                result = remote.exec(command);
            } catch (IOException e) {
                log.write(host, step + ": " + e.getMessage());
                throw new StepFailure(step + " failed: " + e.getMessage(), e);
            }
            log.write(host, step + ": exit " + result.exitCode()
                    + (result.stdout().isEmpty() ? "" : "\n--- stdout\n" + result.stdout().stripTrailing())
                    + (result.stderr().isEmpty() ? "" : "\n--- stderr\n" + result.stderr().stripTrailing()));
            if (!result.ok()) {
                String words = result.lastWords();
                throw new StepFailure(step + " exited " + result.exitCode() + (words.isEmpty() ? "" : ": " + words), null);
            }
        }
    }

    private HostCredentials credentials(Host host, CertificateUse use) throws StepFailure {
        if (use == CertificateUse.NONE) return null;
        try {
            HostCredentials own = pki.host(host.id(), use, host.address());
            log.write(host, "certificate (" + use.word() + "): " + pki.certificateFile(host.id()));
            return own;
        } catch (RuntimeException e) {
            throw new StepFailure("certificate: " + e.getMessage(), e);
        }
    }

    private static boolean carriesSecret(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.contains("PRIVATE KEY-----") || text.contains("OpenVPN Static key V1-----");
    }

    /** The run's crontab for the cron-started tests this host's role runs (none: nothing is installed). */
    private void installCrontab(Host host, Remote remote, Map<String, Object> model) throws StepFailure {
        List<TestPlan> cronTests = settings.tests().stream()
                .filter(t -> t.start() == TestPlan.TestStart.CRON && t.roles().contains(host.role())).toList();
        if (cronTests.isEmpty()) return;
        try {
            String home = remote.exec("pwd").stdout().strip();
            List<Crontab.Entry> entries = new ArrayList<>();
            for (TestPlan t : cronTests) {
                List<Instant> starts = Crontab.starts(t, runStart);
                List<String> patterns = t.runs();
                for (int i = 0; i < patterns.size(); i++) {
                    String rendered = templates.renderInline("tests." + t.name() + ".command", t.command(), TestModel.of(model, t, patterns.get(i)));
                    entries.add(new Crontab.Entry(t, patterns.get(i), starts.get(i), Crontab.command(home, t, patterns.get(i), rendered)));
                }
            }
            String dir = settings.cron().dir();
            String file = (dir.endsWith("/") ? dir : dir + "/") + Crontab.fileName(runId);
            remote.upload(Crontab.render(runId, runStart, settings.cron(), entries).getBytes(StandardCharsets.UTF_8), file, 0644);
            Instant now = Instant.now();
            for (Crontab.Entry e : entries) {
                log.write(host, "cron: " + e.test().name() + (e.pattern() == null ? "" : " [" + e.pattern() + "]") + " at " + e.at()
                        + (e.at().isBefore(now) ? " (already past: it will not run)" : ""));
            }
            log.write(host, "crontab installed: " + file);
        } catch (RenderFailure e) {
            throw new StepFailure("template " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StepFailure("installing the crontab failed: " + e.getMessage(), e);
        }
    }
}
