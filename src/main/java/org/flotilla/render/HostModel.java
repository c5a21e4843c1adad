package org.flotilla.render;

import org.flotilla.fleet.Host;
import org.flotilla.pki.HostCredentials;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of what a template sees for one host (made through {@link TemplateModel}, which adds
 * {@code secrets} and, for tests, {@code test} and {@code pattern}): {@code host} (id, role, index, address, port, user),
 * {@code fleet} (every role's hosts, e.g. {@code fleet.server[0].address}),
 * {@code run} (id, start) and {@code vars} (the top-level vars, then the role's over them);
 * in a run with a PKI also {@code pki} (ca, tlsCrypt) and, on a host with its own certificate,
 * {@code host.cert} and {@code host.key}.
 */
final class HostModel {
    private HostModel() {
    }

    /** @param fleet what {@link #fleet} made of the run's hosts; shared by every host's model, so never changed */
    static Map<String, Object> of(Host host, Map<String, List<Map<String, Object>>> fleet, String runId, Instant runStart,
                                         Map<String, Object> vars, Map<String, Object> roleVars) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("host", describe(host));
        model.put("fleet", fleet);
        model.put("run", Map.of("id", runId, "start", runStart.toString()));
        Map<String, Object> merged = new LinkedHashMap<>(vars);
        merged.putAll(roleVars);
        model.put("vars", merged);
        return model;
    }

    /**
     * Adds the run's PKI to a host's model: the authority's certificate and the tls-crypt key for
     * every host, and the host's own certificate and key when it has them (never another host's).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withPki(Map<String, Object> model, String ca, String tlsCrypt, HostCredentials own) {
        model.put("pki", Map.of("ca", ca, "tlsCrypt", tlsCrypt));
        if (own != null) {
            Map<String, Object> host = (Map<String, Object>) model.get("host");
            host.put("cert", own.certificate());
            host.put("key", own.privateKey());
        }
        return model;
    }

    /**
     * What templates see as {@code fleet}: every role's hosts in order, read-only.
     *
     * @param roles every role of the fleet, so a role with no hosts is an empty list, not a template error
     */
    static Map<String, List<Map<String, Object>>> fleet(List<String> roles, List<Host> hosts) {
        Map<String, List<Map<String, Object>>> byRole = new LinkedHashMap<>();
        for (String role : roles) byRole.put(role, new ArrayList<>());
        for (Host h : hosts) byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(Collections.unmodifiableMap(describe(h)));
        byRole.replaceAll((role, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(byRole);
    }

    private static Map<String, Object> describe(Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("role", h.role());
        m.put("index", h.index());
        m.put("address", h.hasAddress() ? h.address() : "");
        m.put("port", h.port());
        m.put("user", h.user() == null ? "" : h.user());
        return m;
    }
}
