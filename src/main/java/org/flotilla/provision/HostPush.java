package org.flotilla.provision;

import java.util.List;

/**
 * What `push` did on one host: the files it uploaded, those the host already had byte for byte,
 * whether the role's reload steps ran, or why the host failed (null when it did not).
 */
public record HostPush(String host, String role, List<String> uploaded, List<String> unchanged, boolean reloaded, String error) {
}
