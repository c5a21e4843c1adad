package org.flotilla.provider.lab;

import org.flotilla.config.LabSubnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run's lab network, wholly inside namespaces the run creates: one lab namespace with a
 * bridge, and per host a namespace with one end of a veth whose other end is on the bridge.
 * No namespace gets a default route or an uplink, so nothing inside has a way out; this
 * machine's own network stack is never touched. Deleting the namespaces removes it all.
 */
final class LabNetwork {
    private static final Path NETNS = Path.of("/run/netns");
    private static final String BRIDGE = "br0";
    private final LabNames names;
    private final LabSubnet subnet;

    LabNetwork(LabNames names, LabSubnet subnet) {
        this.names = names;
        this.subnet = subnet;
    }

    /** The lab namespace and its bridge, made once per run. */
    synchronized void ensureLab() {
        String lab = names.labNamespace();
        if (Files.exists(NETNS.resolve(lab))) return;
        Exec.check("ip", "netns", "add", lab);
        Exec.check("ip", "-n", lab, "link", "set", "lo", "up");
        Exec.check("ip", "-n", lab, "link", "add", BRIDGE, "type", "bridge");
        Exec.check("ip", "-n", lab, "addr", "add", subnet.gateway() + "/" + subnet.prefix(), "dev", BRIDGE);
        Exec.check("ip", "-n", lab, "link", "set", BRIDGE, "up");
    }

    /** The host's namespace, wired to the bridge, with the n-th address. */
    void addHost(String hostId, int n, String address) {
        String lab = names.labNamespace();
        String ns = names.hostNamespace(hostId);
        String veth = veth(n);
        Exec.check("ip", "netns", "add", ns);
        Exec.check("ip", "-n", lab, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Exec.check("ip", "-n", lab, "link", "set", veth, "master", BRIDGE, "up");
        Exec.check("ip", "-n", ns, "link", "set", "lo", "up");
        Exec.check("ip", "-n", ns, "addr", "add", address + "/" + subnet.prefix(), "dev", "eth0");
        Exec.check("ip", "-n", ns, "link", "set", "eth0", "up");
    }

    /** The lab end of the n-th host's veth; names are the lab namespace's own: no clash with this machine's or another run's. */
    static String veth(int n) {
        return "v" + n;
    }

    static String path(String namespace) {
        return NETNS.resolve(namespace).toString();
    }

    /** Deletes the host's namespace (its veth goes with it); a namespace already gone is no error. */
    void removeHost(String hostId) {
        delete(names.hostNamespace(hostId));
    }

    /** Deletes every namespace of the run, the lab's last (its bridge and the veths' ends go with it). */
    void removeAll() {
        for (String ns : namespaces()) if (!ns.equals(names.labNamespace())) delete(ns);
        delete(names.labNamespace());
    }

    /** The run's namespaces that exist now. */
    List<String> namespaces() {
        if (!Files.isDirectory(NETNS)) return List.of();
        try (Stream<Path> all = Files.list(NETNS)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals(names.labNamespace()) || n.startsWith(names.hostNamespacePrefix()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LabFailure("cannot list " + NETNS + ": " + e.getMessage());
        }
    }

    private static void delete(String ns) {
        if (!Files.exists(NETNS.resolve(ns))) return;
        Exec.Result r = Exec.run(List.of("ip", "netns", "del", ns), java.util.Map.of());
        if (!r.ok() && Files.exists(NETNS.resolve(ns))) throw new LabFailure("ip netns del " + ns + ": " + Exec.tail(r.output()));
    }
}
