package org.flotilla.provision;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the package managers' own messages (apt-get 2.6, dnf 4) are taken to mean. */
class PackagesVerdictTest {
    @Test
    void aHeldLockNamesItsHolderAndTheLock() {
        Packages.Verdict v = Packages.classify("""
                E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)
                N: Be aware that removing the lock file is not a solution and may break your system.
                E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?
                """);
        assertThat(v.kind()).isEqualTo(Packages.Verdict.Kind.LOCKED);
        assertThat(v.detail()).isEqualTo("process 4242 (unattended-upgr) (/var/lib/dpkg/lock-frontend)");
        assertThat(Packages.classify("E: Could not get lock /var/lib/apt/lists/lock. It is held by process 77 (apt-get)\n").detail())
                .isEqualTo("process 77 (apt-get) (/var/lib/apt/lists/lock)");
        assertThat(Packages.classify("E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)\n").detail())
                .as("older apt does not name the holder").isEqualTo("another process (/var/lib/dpkg/lock)");
    }

    @Test
    void aNameTheManagerDoesNotKnowIsNamed() {
        assertThat(Packages.classify("Reading package lists...\nE: Unable to locate package flotilla-nosuch\n"))
                .isEqualTo(new Packages.Verdict(Packages.Verdict.Kind.UNKNOWN,
                        "package flotilla-nosuch is not known to the package manager: E: Unable to locate package flotilla-nosuch"));
        assertThat(Packages.classify("No match for argument: nosuch\nError: Unable to find a match: nosuch\n").detail())
                .isEqualTo("package nosuch is not known to the package manager: No match for argument: nosuch");
    }

    @Test
    void mirrorTroubleIsTransientEvenWhenItMakesAPackageUnknown() {
        assertThat(Packages.classify("""
                W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'
                W: Some index files failed to download. They have been ignored, or old ones used instead.
                E: Unable to locate package iperf3
                """).kind()).isEqualTo(Packages.Verdict.Kind.TRANSIENT);
        assertThat(Packages.classify("E: Failed to fetch http://deb.debian.org/debian/pool/main/i/iperf3/iperf3_3.12-1_amd64.deb  503  Service Unavailable\n").kind())
                .isEqualTo(Packages.Verdict.Kind.TRANSIENT);
        assertThat(Packages.classify("E: Sub-process /usr/bin/dpkg returned an error code (1)\n").kind()).isEqualTo(Packages.Verdict.Kind.OTHER);
    }

    @Test
    void timeoutsReadAsTheyAreWritten() {
        assertThat(Packages.words(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Packages.words(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Packages.words(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
