package org.flotilla.output;

/** How much the terminal shows: nothing but errors, one progress line, or every state change. */
public enum Verbosity {
    QUIET, NORMAL, VERBOSE
}
