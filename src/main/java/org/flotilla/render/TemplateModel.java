package org.flotilla.render;

import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;
import org.flotilla.pki.CertificateUse;
import org.flotilla.pki.HostCredentials;
import org.flotilla.pki.SamplePki;
import org.flotilla.pki.TemplatePki;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What every template of one run sees, made once per run and asked per host: the configurer's
 * resources, `dest`, setup, reload and crontab, the test runner's fired commands, and the
 * pre-launch check (with sample values). One builder, so that a name one of them sees, all see.
 */
public final class TemplateModel {
    private final Settings settings;
    private final List<String> roles;
    private final Supplier<List<Host>> fleet;
    private final String runId;
    private final Instant runStart;
    private final TemplatePki pki;
    private final Map<String, Object> secrets;
    private final BiConsumer<Host, String> log;
    private volatile DescribedFleet described;

    /**
     * @param fleet   the run's hosts as they are when a template is rendered
     * @param pki     null when no role asks for a certificate (or nothing will be configured)
     * @param secrets what templates see as `secrets`, as {@link RunSecrets#model} shapes it
     * @param log     where a host's certificate is noted: its host log
     */
    public TemplateModel(Settings settings, Supplier<List<Host>> fleet, String runId, Instant runStart, TemplatePki pki,
                         Map<String, Object> secrets, BiConsumer<Host, String> log) {
        this.settings = settings;
        this.roles = settings.roles().stream().map(RoleSpec::name).toList();
        this.fleet = fleet;
        this.runId = runId;
        this.runStart = runStart;
        this.pki = pki;
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        this.log = log;
    }

    /** A live run's model: its secrets from disk (missing ones made, as the config may have grown). */
    public static TemplateModel of(Settings settings, Run run, Instant runStart, Supplier<List<Host>> fleet, TemplatePki pki,
                                   BiConsumer<Host, String> log) {
        return new TemplateModel(settings, fleet, run.id(), runStart, pki, new RunSecrets(run).model(settings.secrets()), log);
    }

    /** The model a run of these settings would give, with made-up PKI and secrets: nothing is written. */
    public static TemplateModel sample(Settings settings, List<Host> fleet, String runId) {
        return new TemplateModel(settings, () -> fleet, runId, Instant.now(), settings.needsPki() ? new SamplePki() : null,
                RunSecrets.sampleModel(settings.secrets()), (host, line) -> { });
    }

    /** What a host's resources, `dest`, setup and reload steps see. */
    public Map<String, Object> forHost(Host host) throws ModelFailure {
        RoleSpec role = settings.role(host.role());
        Map<String, Object> model = HostModel.of(host, fleetModel(), runId, runStart, settings.vars(), role.vars());
        if (pki != null) HostModel.withPki(model, pki.ca(), pki.tlsCrypt(), credentials(host, role.certificate()));
        model.put("secrets", secrets);
        return model;
    }

    /**
     * The fleet as templates see it, made again only when a host changed (got its address): every
     * host's model holds the whole fleet, and a thousand hosts each describing a thousand was
     * most of a large fleet's configure allocation.
     */
    private Map<String, List<Map<String, Object>>> fleetModel() {
        List<Host> now = fleet.get();
        DescribedFleet last = described;
        if (last == null || !last.hosts().equals(now)) {
            last = new DescribedFleet(List.copyOf(now), HostModel.fleet(roles, now));
            described = last;
        }
        return last.model();
    }

    private record DescribedFleet(List<Host> hosts, Map<String, List<Map<String, Object>>> model) {
    }

    /** What a test's command sees on a host, fired or started by cron: the host's model, `test` (name, pattern) and `pattern`. */
    public Map<String, Object> forTest(Host host, TestPlan test, String pattern) throws ModelFailure {
        return withTest(forHost(host), test, pattern);
    }

    /** {@link #forTest} for a host whose model is at hand (the configurer's crontab: one certificate look-up per pass). */
    public static Map<String, Object> withTest(Map<String, Object> hostModel, TestPlan test, String pattern) {
        Map<String, Object> model = new LinkedHashMap<>(hostModel);
        String p = pattern == null ? "" : pattern;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", test.name());
        t.put("pattern", p);
        model.put("test", t);
        model.put("pattern", p);
        return model;
    }

    public String runId() {
        return runId;
    }

    public Instant runStart() {
        return runStart;
    }

    private HostCredentials credentials(Host host, CertificateUse use) throws ModelFailure {
        if (use == CertificateUse.NONE) return null;
        try {
            HostCredentials own = pki.host(host.id(), use, host.address());
            log.accept(host, "certificate (" + use.word() + "): " + pki.certificateFile(host.id()));
            return own;
        } catch (RuntimeException e) {
            throw new ModelFailure("certificate: " + e.getMessage(), e);
        }
    }
}
