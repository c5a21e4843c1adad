package org.flotilla.provider;

import org.flotilla.config.ProviderKind;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.ssh.ProvidedJump;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where machines come from. Small on purpose: launch, look, pin, terminate.
 * One provider thread calls launch and poll; terminate may come from any thread.
 */
public interface Provider extends AutoCloseable {

    /**
     * Asks for {@code count} hosts of the role. Hosts are handed to {@code named} as soon as the
     * provider has ids for them (in groups: one launch call's worth), before this returns, so the
     * journal knows them even if the process dies right after.
     */
    void launch(RoleSpec role, int count, Consumer<List<Host>> named);

    /** The run's hosts that are running and have an address (one provider call, whatever the fleet's size). */
    List<Host> poll();

    /**
     * Hosts that will not come up after all, or went away without `down` (an instance terminated
     * under us, a spot interruption), each with why; each is reported once.
     */
    default Map<String, String> gone() {
        return Map.of();
    }

    /**
     * Why Flotilla must not connect to this host, if it must not (an emulator's made-up address).
     * Asked right before every connection.
     */
    default Optional<String> refuseConnection(Host host) {
        return Optional.empty();
    }

    /**
     * The jump host every connection to this provider's hosts must go through, when the provider
     * runs one (the lab: its hosts' addresses exist only inside its namespaces); asked at this
     * process's first connection. Throws, saying why, when it should run one and cannot tell where.
     */
    default Optional<ProvidedJump> jump() {
        return Optional.empty();
    }

    /** Lines for the end of `up` and of `down` (e.g. API calls made); empty for most providers. */
    default List<String> report() {
        return List.of();
    }

    /** Host keys the provider can vouch for, to pin; empty when it cannot tell. */
    List<PublicKey> hostKeys(Host host);

    /**
     * Terminates these hosts. Returns, by host id, those it could not terminate and why;
     * hosts already gone count as terminated.
     */
    Map<String, String> terminate(List<Host> hosts);

    /**
     * The capabilities of this provider, the same the CLI reads from the settings before any
     * provider exists (e.g. whether `terminate` only lets hosts go, whether hosts outlive this process).
     */
    ProviderKind kind();

    @Override
    void close();
}
