package org.flotilla.ssh;

import org.flotilla.config.SshJump;

import java.security.PublicKey;
import java.util.List;

/**
 * A jump host the provider runs itself (the lab's one door in), as ssh.jump would name one, with
 * the host keys the provider made for it: pinned, never trusted on first use.
 */
public record ProvidedJump(SshJump endpoint, List<PublicKey> hostKeys) {
    public ProvidedJump {
        hostKeys = List.copyOf(hostKeys);
    }
}
