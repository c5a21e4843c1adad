package org.flotilla.provider;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.provider.fixed.FixedProvider;
import org.flotilla.provider.ec2.Ec2Provider;
import org.flotilla.provider.lab.LabProvider;
import org.flotilla.provider.local.LocalProvider;

import java.security.PublicKey;
import java.util.function.Supplier;

/** Makes the provider the settings name. */
public final class Providers {
    private Providers() {
    }

    /** Makes a run's provider; tests pass their own (e.g. EC2 with instances mapped to local hosts). */
    public interface Factory {
        Provider create(Settings settings, Run run, Supplier<PublicKey> authorized);
    }

    /** @param authorized the public key the hosts are to accept (asked for only by providers that start hosts) */
    public static Provider create(Settings settings, Run run, Supplier<PublicKey> authorized) {
        return switch (settings.providerKind()) {
            case LOCAL -> new LocalProvider(settings.local(), run.localDir(), settings.ssh().user(), run.id(), authorized.get());
            case FIXED -> new FixedProvider(settings.fixed(), settings.ssh());
            case EC2 -> Ec2Provider.of(settings, run, authorized);
            case LAB -> new LabProvider(settings.lab(), run.id(), run.dir().resolve("lab"), authorized);
        };
    }
}
