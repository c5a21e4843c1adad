package org.flotilla.provider.ec2;

import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.Optional;

/**
 * The one seam that decides where Flotilla connects to reach an instance. The configured one
 * reads the instance's public or private address; tests map emulated instances to SSH hosts on
 * 127.0.0.1, since an emulator's addresses are made up and must never be contacted.
 */
public interface InstanceAddressing {

    /** Address and port to connect to. */
    record Endpoint(String address, int port) {
    }

    /** Where to reach this running instance, or empty while it has no such address. */
    Optional<Endpoint> of(Instance instance);
}
