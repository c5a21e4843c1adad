package org.flotilla.provision;

import org.flotilla.config.ResourceSpec;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.render.ModelFailure;
import org.flotilla.render.RenderFailure;
import org.flotilla.render.TemplateModel;
import org.flotilla.render.Templates;
import org.flotilla.schedule.Crontab;
import org.flotilla.ssh.Become;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.Upload;
import org.flotilla.ssh.UploadFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies a role's recipe to one host over its session: render and upload resources, then run setup steps in order. */
public final class Configurer {
    private final Settings settings;
    private final TemplateModel models;
    private final Templates templates;
    private final HostLog log;

    /** @param models what the run's templates see; the crontab's test commands see what fired ones do */
    public Configurer(Settings settings, TemplateModel models, Templates templates, HostLog log) {
        this.settings = settings;
        this.models = models;
        this.templates = templates;
        this.log = log;
    }

    public void configure(Host host, Remote remote) throws StepFailure {
        RoleSpec role = settings.role(host.role());
        Map<String, Object> model = model(host);
        List<Rendered> files = new ArrayList<>();
        for (ResourceSpec r : role.resources()) files.add(render(role, r, model));
        HostAccess access = HostAccess.learn(settings, log, host, remote, role, true);
        upload(host, remote, access, files);
        runSteps(host, remote, access, role, "setup", role.setup(), model, i -> role.recipe().becomes(i));
        installCrontab(host, remote, access, model);
    }

    /** What a role's resource becomes on one host. */
    public record Rendered(String source, String dest, byte[] content, int mode, String owner) {
        public Rendered(String source, String dest, byte[] content, int mode) {
            this(source, dest, content, mode, "");
        }
    }

    /**
     * Uploads the role's resources whose rendered bytes differ from the host's file (or which it
     * lacks), then, when any did, runs the role's `reload` steps. No setup step runs.
     */
    public HostPush push(Host host, Remote remote) throws StepFailure {
        RoleSpec role = settings.role(host.role());
        Map<String, Object> model = model(host);
        HostAccess access = HostAccess.learn(settings, log, host, remote, role, false);
        List<Rendered> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ResourceSpec r : role.resources()) {
            Rendered file = render(role, r, model);
            boolean same;
            try {
                same = remote.holds(file.dest(), file.content());
            } catch (org.apache.sshd.sftp.common.SftpException e) {
                // a file only become's user may read (root's /etc/... mode 0640): pushed again through sudo
                if (e.getStatus() != org.apache.sshd.sftp.common.SftpConstants.SSH_FX_PERMISSION_DENIED || access.become(role.recipe().become()) == null) {
                    throw new StepFailure("cannot compare " + file.dest() + " with " + r.source() + ": " + e.getMessage(), e);
                }
                same = false;
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
        upload(host, remote, access, changed);
        List<String> uploaded = changed.stream().map(Rendered::dest).toList();
        boolean reload = !uploaded.isEmpty() && !role.reload().isEmpty();
        if (reload) {
            try {
                runSteps(host, remote, access, role, "reload", role.reload(), model, i -> role.recipe().reloadBecomes(i));
            } catch (StepFailure e) {
                // the files are there all the same: say so along with the failed step
                log.write(host, "push FAILED: " + e.getMessage());
                return new HostPush(host.id(), host.role(), uploaded, unchanged, false, e.getMessage());
            }
        }
        return new HostPush(host.id(), host.role(), uploaded, unchanged, reload, null);
    }

    private Map<String, Object> model(Host host) throws StepFailure {
        try {
            return models.forHost(host);
        } catch (ModelFailure e) {
            throw new StepFailure(e.getMessage(), e);
        }
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
        return new Rendered(r.source(), dest, content, r.mode(), r.owner());
    }

    /** Uploads the files together; the log names each one once they are all there. */
    private void upload(Host host, Remote remote, HostAccess access, List<Rendered> files) throws StepFailure {
        List<String> staged;
        try {
            staged = access.put(remote, files.stream().map(f -> new Upload(f.content(), f.dest(), f.mode(), f.owner())).toList());
        } catch (UploadFailure e) {
            String source = files.stream().filter(f -> f.dest().equals(e.dest())).map(Rendered::source).findFirst().orElse("?");
            throw new StepFailure("upload of " + source + " to " + e.dest() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StepFailure("upload of " + files.size() + " resources failed: " + e.getMessage(), e);
        }
        for (Rendered f : files) {
            log.write(host, "upload " + f.source() + " -> " + f.dest() + " (" + f.content().length + " bytes, mode "
                    + String.format("%04o", f.mode()) + (f.owner().isEmpty() ? "" : ", owner " + f.owner()) + ")"
                    + (staged.contains(f.dest()) ? " staged, installed" + (access.become(true) == null ? "" : " as " + access.recipe().becomeUser() + " through sudo") : ""));
        }
    }

    /** Runs the role's steps of one kind (setup, reload) in order; the first that fails ends the host's pass. */
    private void runSteps(Host host, Remote remote, HostAccess access, RoleSpec role, String kind, List<String> steps, Map<String, Object> model,
                          java.util.function.IntPredicate becomes) throws StepFailure {
        for (int i = 0; i < steps.size(); i++) {
            String name = "roles." + role.name() + "." + kind + "[" + i + "]";
            String command;
            try {
                command = templates.renderInline(name, steps.get(i), model);
            } catch (RenderFailure e) {
                throw new StepFailure("template " + e.getMessage(), e);
            }
            Become become = access.become(becomes.test(i));
            String step = kind + " step " + (i + 1) + "/" + steps.size() + " `" + command + "`"
                    + (become == null ? "" : " (as " + become.user() + ", through sudo)");
            log.write(host, step + ": running");
            ExecResult result;
            try {
                result = remote.exec(become == null ? command : become.wrap(command));
            } catch (IOException e) {
                log.write(host, step + ": " + e.getMessage());
                throw new StepFailure(step + " failed: " + e.getMessage(), e);
            }
            log.write(host, step + ": exit " + result.exitCode()
                    + (result.stdout().isEmpty() ? "" : "\n--- stdout\n" + result.stdout().stripTrailing())
                    + (result.stderr().isEmpty() ? "" : "\n--- stderr\n" + result.stderr().stripTrailing()));
            if (!result.ok() && become != null && Become.wantsPassword(result.stderr())) {
                throw new StepFailure("sudo needs a password for " + access.facts().user() + " on " + host.address(), null);
            }
            if (!result.ok()) {
                String words = result.lastWords();
                throw new StepFailure(step + " exited " + result.exitCode() + (words.isEmpty() ? "" : ": " + words), null);
            }
        }
    }

    private static boolean carriesSecret(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.contains("PRIVATE KEY-----") || text.contains("OpenVPN Static key V1-----");
    }

    /** The run's crontab for the cron-started tests this host's role runs (none: nothing is installed). */
    private void installCrontab(Host host, Remote remote, HostAccess access, Map<String, Object> model) throws StepFailure {
        List<TestPlan> cronTests = settings.tests().stream()
                .filter(t -> t.start() == TestPlan.TestStart.CRON && t.roles().contains(host.role())).toList();
        if (cronTests.isEmpty()) return;
        try {
            String home = access.facts() != null ? access.facts().home() : remote.exec("pwd").stdout().strip();
            List<Crontab.Entry> entries = new ArrayList<>();
            Instant runStart = models.runStart();
            for (TestPlan t : cronTests) {
                List<Instant> starts = Crontab.starts(t, runStart);
                List<String> patterns = t.runs();
                for (int i = 0; i < patterns.size(); i++) {
                    String rendered = templates.renderInline("tests." + t.name() + ".command", t.command(), TemplateModel.withTest(model, t, patterns.get(i)));
                    entries.add(new Crontab.Entry(t, patterns.get(i), starts.get(i), Crontab.command(home, t, patterns.get(i), rendered)));
                }
            }
            String dir = settings.cron().dir();
            String file = (dir.endsWith("/") ? dir : dir + "/") + Crontab.fileName(models.runId());
            List<String> staged = access.put(remote, List.of(new Upload(Crontab.render(models.runId(), runStart, settings.cron(), entries).getBytes(StandardCharsets.UTF_8), file, 0644)));
            Instant now = Instant.now();
            for (Crontab.Entry e : entries) {
                log.write(host, "cron: " + e.test().name() + (e.pattern() == null ? "" : " [" + e.pattern() + "]") + " at " + e.at()
                        + (e.at().isBefore(now) ? " (already past: it will not run)" : ""));
            }
            log.write(host, "crontab installed: " + file + (staged.isEmpty() ? "" : " (through sudo)"));
        } catch (RenderFailure e) {
            throw new StepFailure("template " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StepFailure("installing the crontab failed: " + e.getMessage(), e);
        }
    }
}
