package org.flotilla.run;

import java.util.List;
import java.util.Map;

/**
 * What a `down` did: the hosts that could not be terminated and why, what the provider had to
 * say, and whether an earlier `down` had done the work already.
 */
public record Downed(Map<String, String> failures, List<String> report, boolean already) {
}
