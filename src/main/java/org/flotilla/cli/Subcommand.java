package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

import java.io.PrintStream;

/** One of flotilla's commands: its name, its help, its options, what it does. */
interface Subcommand {
    String name();

    /** One line for `flotilla help`. */
    String summary();

    /** Usage line and the paragraphs `flotilla help CMD` prints above the options. */
    String usage();

    String description();

    Options options();

    int run(CommandLine line, PrintStream out, PrintStream err) throws Exception;
}
