package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.flotilla.render.RenderFailure;
import org.flotilla.render.Templates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cloud-init user-data for a role's instances: ec2.user-data, or the built-in template that
 * authorizes Flotilla's key and schedules the self-destruct, so that with shutdown behaviour
 * "terminate" a fleet everyone forgot still dies after ec2.ttl.
 * Its model is its own, not {@link org.flotilla.render.TemplateModel}'s: it is rendered once per
 * role before any host exists, and any process on the instance can read it back from the metadata
 * service, so it never carries the run's secrets or keys.
 */
final class UserData {
    static final String BUILT_IN = """
            #cloud-config
            <#if publicKey?has_content>
            ssh_authorized_keys:
              - ${publicKey}
            </#if>
            <#if ttlMinutes gt 0>
            runcmd:
              - [ shutdown, -P, "+${ttlMinutes}", "flotilla run ${run}: self-destruct after ${ttl} (ec2.ttl)" ]
            </#if>
            """;

    private final Templates templates;
    private final Optional<Path> template;
    private final Duration ttl;
    private final String runId;

    UserData(Templates templates, Optional<Path> template, Duration ttl, String runId) {
        this.templates = templates;
        this.template = template;
        this.ttl = ttl;
        this.runId = runId;
    }

    /** Base64, as RunInstances wants it. */
    String render(String role, String user, PublicKey publicKey) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("run", runId);
        model.put("role", role);
        model.put("user", user);
        model.put("publicKey", publicKey == null ? "" : PublicKeyEntry.toString(publicKey));
        model.put("ttlMinutes", ttl.toMinutes());
        model.put("ttl", describe(ttl));
        try {
            byte[] text = template.isPresent()
                    ? templates.renderFile(template.get().toString(), model)
                    : templates.renderInline("ec2 built-in user-data", BUILT_IN, model).getBytes(StandardCharsets.UTF_8);
            return Base64.getEncoder().encodeToString(text);
        } catch (RenderFailure e) {
            throw new IllegalArgumentException("ec2.user-data: " + e.getMessage(), e);
        }
    }

    static String describe(Duration d) {
        if (d.isZero()) return "never";
        if (d.toMinutes() % 60 == 0) return d.toHours() + "h";
        return d.toMinutes() + "m";
    }
}
