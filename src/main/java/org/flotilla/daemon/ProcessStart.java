package org.flotilla.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * When the kernel started a process, in clock ticks since boot (field 22 of /proc/PID/stat).
 * The kernel keeps this integer with the process: unlike a wall-clock start time, which the JVM
 * derives from the boot time and which moves by seconds when the clock is stepped (as after a VM
 * is resumed), two reads of it always agree, so pid + ticks names one process.
 */
final class ProcessStart {
    // starttime is field 22; the fields after "(comm)" start at field 3
    private static final int START_TIME_AFTER_COMM = 22 - 3;

    private ProcessStart() {
    }

    static OptionalLong ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // comm may hold spaces and parentheses: the fields begin after its last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(fields[START_TIME_AFTER_COMM]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
