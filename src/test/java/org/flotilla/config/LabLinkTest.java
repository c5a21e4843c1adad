package org.flotilla.config;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lab.links.&lt;role&gt;: read into each role's link, or refused at the file, line and full key. */
class LabLinkTest {
    @TempDir
    Path tmp;

    private Path conf(String links) {
        return new Workspace(tmp).config("lab.conf", "provider = lab\nroles { server.count = 1, client.count = 3 }\n" + links);
    }

    private Settings settings(String links, String... sets) {
        return new Workspace(tmp).settings(conf(links), sets);
    }

    @Test
    void aRolesLinkIsReadAsTheUserWroteIt() {
        Settings s = settings("lab.links.client { rate = 100mbit, loss = 2%, delay = 20ms, jitter = 5ms }\n");
        LabLink link = s.lab().links().get("client");
        assertThat(link).isEqualTo(new LabLink("client", 100_000_000L, new BigDecimal("2"), Duration.ofMillis(20), Duration.ofMillis(5)));
        assertThat(link.shown()).isEqualTo("100mbit, 2% loss, 20ms delay, 5ms jitter");
        assertThat(link.lossPer10000()).isEqualTo(200);
        assertThat(s.lab().links()).doesNotContainKey("server");
        assertThat(s.lab().shownLinks()).containsExactly(java.util.Map.entry("client", "100mbit, 2% loss, 20ms delay, 5ms jitter"));
    }

    @Test
    void theIssuesCommandLineSetsALinkKeyByKey() {
        Settings s = settings("", "lab.links.client.rate=1500kbit", "lab.links.client.loss=0.5%");
        LabLink link = s.lab().links().get("client");
        assertThat(link.rateText()).isEqualTo("1500kbit");
        assertThat(link.lossPer10000()).isEqualTo(50);
        assertThat(link.delays()).isFalse();
        assertThat(link.shown()).isEqualTo("1500kbit, 0.5% loss");
        assertThat(settings("", "lab.links.server.rate=1gbit").lab().links().get("server").shown()).isEqualTo("1gbit");
    }

    @Test
    void aRateInUnitsTcDoesNotMeanIsRefusedAtItsLine() {
        assertThatThrownBy(() -> settings("lab.links.client.rate = 100mbps\n")).isInstanceOf(ConfigError.class)
                .hasMessage(conf("") + ":5: lab.links.client.rate: expected a rate like 100mbit (units bit, kbit, mbit, gbit), got '100mbps'");
        assertThatThrownBy(() -> settings("", "lab.links.client.rate=0mbit")).hasMessageContaining("lab.links.client.rate: must be above 0bit");
    }

    @Test
    void aLossOutsideZeroToHundredPercentOrWithoutItsSignIsRefused() {
        assertThatThrownBy(() -> settings("lab.links.client.loss = 120%\n"))
                .hasMessage(conf("") + ":5: lab.links.client.loss: must be between 0% and 100%, got '120%'");
        assertThatThrownBy(() -> settings("", "lab.links.client.loss=0.02"))
                .hasMessageContaining("lab.links.client.loss: expected a percentage like 2% or 0.5% (at most two decimals), got '0.02'");
        assertThatThrownBy(() -> settings("", "lab.links.client.loss=0.125%")).hasMessageContaining("at most two decimals");
    }

    @Test
    void aLinkForARoleTheFleetDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> settings("lab.links.clients.rate = 100mbit\n"))
                .hasMessage(conf("") + ":5: lab.links.clients: no role 'clients' (roles: client, server)");
    }

    @Test
    void anUnknownLinkKeyIsNamedWithItsFullPath() {
        assertThatThrownBy(() -> settings("lab.links.client.rat = 100mbit\n"))
                .hasMessage(conf("") + ":5: lab.links.client.rat: unknown key (did you mean 'rate'?)");
        assertThatThrownBy(() -> settings("lab.links.client.delay = soon\n")).hasMessageContaining(":5: lab.links.client.delay: expected a duration");
    }

    @Test
    void aJitterNeedsADelayItCanVary() {
        assertThatThrownBy(() -> settings("lab.links.client.jitter = 5ms\n"))
                .hasMessage(conf("") + ":5: lab.links.client.jitter: varies a delay: set lab.links.client.delay too");
        assertThatThrownBy(() -> settings("lab.links.client { delay = 5ms, jitter = 8ms }\n"))
                .hasMessageContaining("lab.links.client.jitter: is more than the delay (5ms)");
    }
}
