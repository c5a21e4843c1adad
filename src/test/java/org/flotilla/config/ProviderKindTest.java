package org.flotilla.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The descriptors the CLI asks before a provider exists: one per name the config accepts. */
class ProviderKindTest {
    @Test
    void eachNameTheConfigAcceptsHasItsKind() {
        assertThat(ProviderKind.names()).containsExactlyInAnyOrder("local", "fixed", "ec2", "lab");
        for (String name : ProviderKind.names()) {
            assertThat(ProviderKind.named(name)).get().extracting(ProviderKind::configName).isEqualTo(name);
        }
        assertThat(ProviderKind.named("vagrant")).as("a journal of a later Flotilla may name a provider this one lacks").isEmpty();
        assertThat(ProviderKind.named(null)).as("a journal without its run line").isEmpty();
    }

    @Test
    void onlyLocalHostsDieWithTheProcessAndLocalAndLabHostsLackCron() {
        for (ProviderKind k : ProviderKind.values()) {
            assertThat(k.hostsOutliveProcess()).isEqualTo(k != ProviderKind.LOCAL);
            assertThat(k.hostsRunCron()).isEqualTo(k != ProviderKind.LOCAL && k != ProviderKind.LAB);
        }
    }

    @Test
    void theRunMakesTheLoginKeyOfTheHostsItStartsAndOnlyTheLabNeedsTools() {
        for (ProviderKind k : ProviderKind.values()) {
            assertThat(k.runMakesLoginKey()).isEqualTo(k == ProviderKind.LOCAL || k == ProviderKind.LAB || k == ProviderKind.EC2);
            assertThat(k.tools().isEmpty()).isEqualTo(k != ProviderKind.LAB);
        }
    }
}
