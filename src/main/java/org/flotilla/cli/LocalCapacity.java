package org.flotilla.cli;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * How many local hosts this machine can hold. The local provider runs every host's SSH server
 * in the process that holds the fleet; past the open-files limit or the heap, hosts fail one by
 * one with "Too many open files" after minutes of work and thousands of host directories. So a
 * fleet that cannot fit is refused before anything is created, naming the limit.
 *
 * @param openFiles the open-files limit of this process (`ulimit -n`), which a detached daemon inherits
 * @param heap      the largest heap of this process, as a detached daemon (started without -Xmx) gets by default
 */
record LocalCapacity(long openFiles, long heap) {
    /** A host's listening port, and both ends of its SSH session while it is configured. */
    static final int FILES_PER_HOST = 3;
    /** The JVM's own files, the journal, host logs being written, the control server. */
    static final int FILES_RESERVED = 256;
    /** Its server's state, host key and session buffers: measured ~40 KB at rest, several times that while configured. */
    static final long HEAP_PER_HOST = 256 * 1024;
    static final long HEAP_RESERVED = 64L * 1024 * 1024;

    static LocalCapacity ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long files = os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
        return new LocalCapacity(files, Runtime.getRuntime().maxMemory());
    }

    /** What keeps {@code hosts} local hosts from fitting; empty when they fit. */
    List<String> shortfalls(int hosts) {
        List<String> out = new ArrayList<>();
        long files = (long) hosts * FILES_PER_HOST + FILES_RESERVED;
        if (files > openFiles) {
            out.add("they need about " + files + " open files and this process may open " + openFiles
                    + " (ulimit -n): at most " + Math.max(0, (openFiles - FILES_RESERVED) / FILES_PER_HOST) + " local hosts fit");
        }
        long memory = hosts * HEAP_PER_HOST + HEAP_RESERVED;
        if (memory > heap) {
            out.add("they need about " + mib(memory) + " MiB of memory and the JVM may use " + mib(heap)
                    + " MiB (its -Xmx, by default a quarter of this machine's memory): at most "
                    + Math.max(0, (heap - HEAP_RESERVED) / HEAP_PER_HOST) + " local hosts fit");
        }
        return out;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
