package org.flotilla.provider;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.provider.fixed.FixedProvider;
import org.flotilla.provider.local.LocalProvider;

import java.security.PublicKey;

/** Makes the provider the settings name. */
public final class Providers {
    private Providers() {
    }

    /** @param authorized the public key local hosts accept */
    public static Provider create(Settings settings, Run run, PublicKey authorized) {
        return switch (settings.provider()) {
            case "local" -> new LocalProvider(settings.local(), run.localDir(), settings.ssh().user(), run.id(), authorized);
            case "fixed" -> new FixedProvider(settings.fixed(), settings.ssh());
            default -> throw new IllegalArgumentException("unknown provider " + settings.provider());
        };
    }
}
