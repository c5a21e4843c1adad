package org.flotilla.logs;

import java.util.List;

/**
 * What fetch-logs did for one host.
 *
 * @param fetched files downloaded (wholly or resumed) and verified
 * @param alreadyHere files found complete and verified locally: not downloaded again
 * @param bytes bytes transferred
 * @param problems what went wrong (a missing log path, a file that would not verify); empty when all is well
 */
public record HostLogs(String host, String role, int fetched, int alreadyHere, long bytes, List<String> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }
}
