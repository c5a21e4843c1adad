package org.flotilla;

import org.flotilla.cli.Cli;
import org.flotilla.output.MaskedStream;
import org.flotilla.ssh.Ssh;

/** Entry point: `flotilla COMMAND [OPTIONS]`. */
public final class Flotilla {
    private Flotilla() {
    }

    public static void main(String[] args) {
        Ssh.leaveBouncyCastleToThePki();
        // Everything this process prints, a library's messages included, passes the secrets' mask.
        System.setOut(MaskedStream.of(System.out));
        System.setErr(MaskedStream.of(System.err));
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
