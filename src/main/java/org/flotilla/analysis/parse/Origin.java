package org.flotilla.analysis.parse;

import java.nio.file.Path;

/**
 * Where a log came from, as far as its path tells: the role and host of a run's
 * {@code logs/<role>/<host>/} folders, or the test, pattern and host of the classic
 * {@code <test>/iperf-<pattern>-<host>} names. Unknown parts are null.
 *
 * @param name the file as the user should read it in problems: relative to the analyzed folder
 */
public record Origin(Path file, String name, String role, String host, String test, String pattern) {
    public String hostOrName() {
        return host != null ? host : name;
    }
}
