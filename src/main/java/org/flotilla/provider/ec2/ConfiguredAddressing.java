package org.flotilla.provider.ec2;

import org.flotilla.config.Ec2Settings.AddressKind;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.Optional;

/** `ec2.address`: the instance's public IP, private IP or public DNS name, on the SSH port. */
public record ConfiguredAddressing(AddressKind kind, int port) implements InstanceAddressing {

    @Override
    public Optional<Endpoint> of(Instance instance) {
        String address = switch (kind) {
            case PUBLIC_IP -> instance.publicIpAddress();
            case PRIVATE_IP -> instance.privateIpAddress();
            case PUBLIC_DNS -> instance.publicDnsName();
        };
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(new Endpoint(address, port));
    }
}
