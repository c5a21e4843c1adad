package org.flotilla;

import org.junit.jupiter.api.Test;

import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tests' JVM sees no network but loopback (src/test/loopback/bin/java), so no test can reach off this machine. */
class LoopbackOnlyTest {
    @Test
    void theTestsJvmHasOnlyLoopbackUp() throws Exception {
        assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t"), "unshare needs root");
        var up = Collections.list(NetworkInterface.getNetworkInterfaces()).stream().filter(i -> {
            try {
                return i.isUp();
            } catch (java.net.SocketException e) {
                return true;
            }
        }).map(NetworkInterface::getName).toList();
        assertThat(up).containsExactly("lo");
    }
}
