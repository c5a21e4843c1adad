package org.flotilla.provider.lab;

/**
 * Every name the lab gives a run's resources, derived from the run id alone: a later process
 * (a `down` after the daemon was SIGKILLed) finds them from the journal's run id, nothing else.
 */
record LabNames(String runId) {
    static final String RUN_LABEL = "flotilla.run";
    private static final String PREFIX = "flotilla-";

    /** The namespace holding the run's bridge (its veths' host ends too): deleting it removes both. */
    String labNamespace() {
        return PREFIX + runId;
    }

    /** Namespace names of the run's hosts start with this; the lab namespace's name does not. */
    String hostNamespacePrefix() {
        return PREFIX + runId + "-";
    }

    String hostNamespace(String hostId) {
        return hostNamespacePrefix() + hostId;
    }

    String container(String hostId) {
        return PREFIX + runId + "-" + hostId;
    }

    String label() {
        return RUN_LABEL + "=" + runId;
    }
}
