package org.flotilla.run;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.output.HostLog;
import org.flotilla.pki.RunPki;
import org.flotilla.provider.Provider;
import org.flotilla.provider.Providers;
import org.flotilla.provision.Configurer;
import org.flotilla.provision.Provisioner;
import org.flotilla.render.TemplateModel;
import org.flotilla.render.Templates;
import org.flotilla.ssh.HeldSessions;
import org.flotilla.ssh.Login;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.ProvidedJump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

/**
 * What one process holds of a run, once: its journal, fleet, login, provider, templates, host
 * logs, and the one pool that works on hosts. `up` makes it for a new run; a command acting on a
 * run whose daemon is gone makes it from the journal.
 */
public final class RunContext implements AutoCloseable {
    private final Settings settings;
    private final Run run;
    private final Instant start;
    private final Journal journal;
    private final Fleet fleet;
    private final HostLog log;
    private final Login login;
    private final Provider provider;
    private final Templates templates;
    private final OnEachHost hosts;
    private final RunPki pki;
    private final TemplateModel models;
    private final Configurer configurer;
    private final Provisioner provisioner;

    private RunContext(Settings settings, Run run, Instant start, Providers.Factory providers, boolean needsKey) {
        this.settings = settings;
        this.run = run;
        this.start = start;
        this.journal = new Journal(run.journal());
        this.fleet = new Fleet(journal);
        this.log = new HostLog(run);
        this.login = new Login(settings, run, needsKey, this::providerJump);
        this.provider = providers.create(settings, run, login.authorized());
        this.templates = new Templates(settings.resourcesDir());
        int threads = Math.max(settings.provision().configurers(), settings.fetch().parallel());
        this.hosts = new OnEachHost(new HeldSessions(login, provider::hostKeys, log::write), threads, settings.ssh().commandTimeout(), login.timer());
        // Before any host is configured (every host's templates see pki.ca); `down` configures none.
        this.pki = settings.needsPki() && needsKey ? RunPki.open(run.dir(), run.id()) : null;
        this.models = TemplateModel.of(settings, run, start, fleet::hosts, pki, log::write);
        this.configurer = new Configurer(settings, models, templates, log);
        this.provisioner = new Provisioner(settings, fleet, provider, hosts, configurer, log);
    }

    /** The provider is made with the login's key, and tells the login its jump host at the first connection. */
    private Optional<ProvidedJump> providerJump() {
        return provider.jump();
    }

    /** A new run: writes its settings and the journal's first line. */
    public static RunContext launch(Settings settings, Run run, Providers.Factory providers) {
        try {
            Files.writeString(run.settingsFile(), settings.rendered());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.settingsFile(), e);
        }
        RunContext c = new RunContext(settings, run, Instant.now(), providers, true);
        c.journal.append(new JournalEvent.RunStarted(run.id(), settings.provider(), settings.hostCount(), ProcessHandle.current().pid()));
        if (settings.providerKind().shapesLinks() && !settings.lab().links().isEmpty()) c.journal.append(new JournalEvent.LinksShaped(settings.lab().shownLinks()));
        return c;
    }

    /**
     * An existing run whose daemon is gone: the fleet as the journal tells it.
     *
     * @param needsKey false for `down`, which logs in nowhere
     */
    public static RunContext attach(Settings settings, Run run, Providers.Factory providers, boolean needsKey) {
        RunStatus status = RunStatus.read(run);
        RunContext c = new RunContext(settings, run, status.start() == null ? Instant.now() : status.start(), providers, needsKey);
        for (RunStatus.HostStatus h : status.hosts()) c.fleet.adopt(h.host(), h.state(), h.error());
        return c;
    }

    public Settings settings() {
        return settings;
    }

    public Run run() {
        return run;
    }

    public Instant start() {
        return start;
    }

    public Journal journal() {
        return journal;
    }

    public Fleet fleet() {
        return fleet;
    }

    public HostLog log() {
        return log;
    }

    public Provider provider() {
        return provider;
    }

    public Templates templates() {
        return templates;
    }

    public OnEachHost hosts() {
        return hosts;
    }

    /** What every template of the run sees (resources, steps, tests fired or cron-started). */
    public TemplateModel models() {
        return models;
    }

    /** The model of these settings (the run's with a command's --set values over them), for one command's templates. */
    public TemplateModel models(Settings with) {
        return TemplateModel.of(with, run, start, fleet::hosts, pki, log::write);
    }

    public Configurer configurer() {
        return configurer;
    }

    public Provisioner provisioner() {
        return provisioner;
    }

    @Override
    public void close() {
        hosts.close();
        provider.close();
        login.close();
        journal.close();
    }
}
