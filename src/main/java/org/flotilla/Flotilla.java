package org.flotilla;

import org.flotilla.cli.Cli;
import org.flotilla.ssh.Ssh;

/** Entry point: `flotilla COMMAND [OPTIONS]`. */
public final class Flotilla {
    private Flotilla() {
    }

    public static void main(String[] args) {
        Ssh.leaveBouncyCastleToThePki();
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
