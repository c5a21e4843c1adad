package org.flotilla.provider.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * This machine's iperf3 run inside lab hosts' network namespaces (the hosts share this machine's
 * files, and the bare image has no iperf3): servers in one host's namespace, clients in others'.
 */
final class NamespaceIperf {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NamespaceIperf() {
    }

    /** The host's address on the lab bridge. */
    static String address(String ns) {
        return Exec.check("ip", "-n", ns, "-4", "-o", "addr", "show", "eth0").split("\\s+")[3].split("/")[0];
    }

    /** An iperf3 server in the namespace, listening when this returns; the caller destroys it. */
    static Process server(String ns, String address, int port, Path log) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "iperf3", "--server", "--bind", address, "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 200; i++) { // iperf3 says nothing one could wait on before it listens
            if (Exec.check("ip", "netns", "exec", ns, "ss", "-Htln", "sport = :" + port).contains(":" + port)) return p;
            Thread.sleep(50);
        }
        p.destroy();
        throw new IllegalStateException("iperf3 --server did not listen in " + ns + " on port " + port);
    }

    /** What the server received from a client in the namespace, in Mbit/s: iperf3's own figure for that many seconds of TCP. */
    static double mbits(String ns, String server, int port, int seconds, String congestion) throws Exception {
        String out = Exec.check(List.of("timeout", String.valueOf(seconds + 60), "ip", "netns", "exec", ns, "iperf3", "--client", server,
                "--port", String.valueOf(port), "--time", String.valueOf(seconds), "--congestion", congestion, "--json"), Map.of());
        JsonNode end = JSON.readTree(out).path("end");
        if (!congestion.equals(end.path("sender_tcp_congestion").asText())) {
            throw new IllegalStateException("iperf3 in " + ns + " sent with " + end.path("sender_tcp_congestion").asText() + ", not " + congestion);
        }
        return end.path("sum_received").path("bits_per_second").asDouble() / 1e6;
    }
}
