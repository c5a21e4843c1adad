package org.flotilla;

import org.flotilla.cli.Cli;

/** Entry point: `flotilla COMMAND [OPTIONS]`. */
public final class Flotilla {
    private Flotilla() {
    }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
