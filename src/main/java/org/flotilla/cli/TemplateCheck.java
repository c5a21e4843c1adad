package org.flotilla.cli;

import org.flotilla.config.ConfigError;
import org.flotilla.config.KeyOrigins;
import org.flotilla.config.ResourceSpec;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;
import org.flotilla.render.ModelFailure;
import org.flotilla.render.RenderFailure;
import org.flotilla.render.TemplateModel;
import org.flotilla.render.Templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every template of the config, parsed, and each role's rendered once for a sample host of a
 * sample fleet (the configured counts, made-up addresses that nothing connects to), before
 * anything is launched: a syntax error or a name no template can resolve (${vars.nope}) is a
 * config error naming the key and its file:line, not a failure per host minutes later.
 */
final class TemplateCheck {
    /** Shaped like a real run id: templates take it apart (openvpn-iperf names tun devices from it). */
    private static final String SAMPLE_RUN = Run.newId();

    private final Settings settings;
    private final KeyOrigins origins;
    private final Templates templates;
    private final List<Host> fleet = new ArrayList<>();
    private final TemplateModel models;

    TemplateCheck(Settings settings, KeyOrigins origins) {
        this.settings = settings;
        this.origins = origins;
        this.templates = new Templates(settings.resourcesDir());
        int n = 0;
        for (RoleSpec role : settings.roles()) {
            for (int i = 0; i < role.count(); i++, n++) {
                // TEST-NET-1 (RFC 5737): an address for documentation, reached by nothing
                fleet.add(Host.named(role.name(), i, SAMPLE_RUN, settings.ssh().user()).at("192.0.2." + (1 + n % 254), 22));
            }
        }
        this.models = TemplateModel.sample(settings, fleet, SAMPLE_RUN);
    }

    void check() {
        for (RoleSpec role : settings.roles()) {
            Host sample = fleet.stream().filter(h -> h.role().equals(role.name())).findFirst().orElse(null);
            Map<String, Object> model = sample == null ? null : model(sample, null, null);
            for (int i = 0; i < role.resources().size(); i++) {
                ResourceSpec r = role.resources().get(i);
                if (r.isTemplate()) {
                    at(() -> {
                        if (model == null) templates.parseFile(r.source());
                        else templates.renderFile(r.source(), model);
                    }, "roles." + role.name() + ".resources[" + i + "].source", "roles", role.name(), "resources", i, "source");
                }
                if (r.dest().contains("${")) {
                    inline("roles." + role.name() + ".resources[" + i + "].dest", r.dest(), model, "roles", role.name(), "resources", i, "dest");
                }
            }
            steps(role, "setup", role.setup(), model);
            steps(role, "reload", role.reload(), model);
        }
        for (TestPlan test : settings.tests()) {
            String name = "tests." + test.name() + ".command";
            for (String roleName : test.roles()) {
                Host sample = fleet.stream().filter(h -> h.role().equals(roleName)).findFirst().orElse(null);
                for (String pattern : test.runs()) {
                    Map<String, Object> model = sample == null ? null : model(sample, test, pattern);
                    inline(name, test.command(), model, "tests", test.name(), "command");
                }
            }
        }
    }

    private void steps(RoleSpec role, String kind, List<String> steps, Map<String, Object> model) {
        for (int i = 0; i < steps.size(); i++) {
            inline("roles." + role.name() + "." + kind + "[" + i + "]", steps.get(i), model, "roles", role.name(), kind, i);
        }
    }

    /** @param model null for a role without hosts: then the template is parsed only */
    private void inline(String name, String text, Map<String, Object> model, Object... key) {
        at(() -> {
            if (model == null) templates.parseInline(name, text);
            else templates.renderInline(name, text, model);
        }, null, key);
    }

    private interface Attempt {
        void run() throws RenderFailure;
    }

    /** @param label the key path to put before the failure when the failure names a template file, not the key */
    private void at(Attempt attempt, String label, Object... key) {
        try {
            attempt.run();
        } catch (RenderFailure e) {
            throw new ConfigError(origins.where(key) + (label == null ? "" : label + ": " + settings.resourcesDir() + "/")
                    + e.getMessage());
        }
    }

    /** What a host's templates (or, given a test, its command) see in a run, with sample values where the run would give real ones. */
    private Map<String, Object> model(Host host, TestPlan test, String pattern) {
        try {
            return test == null ? models.forHost(host) : models.forTest(host, test, pattern);
        } catch (ModelFailure e) {
            throw new IllegalStateException("the sample PKI gives every host a certificate", e);
        }
    }
}
