package org.flotilla.provider.lab;

import org.flotilla.config.LabLink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A link the tools refuse fails its host with a message naming the host, its link and the command; a role without a link is left alone. */
class LinkShaperTest {
    private static final LabLink CLIENT = new LabLink("client", 100_000_000L, new BigDecimal("2"), Duration.ZERO, Duration.ZERO);

    @Test
    void aRefusedToolNamesTheHostTheLinkAndTheCommand() {
        // the run's namespaces do not exist: tc refuses as it would any other way
        LinkShaper shaper = new LinkShaper(new LabNames("20261130-031700-beef"), Map.of("client", CLIENT));
        assertThatThrownBy(() -> shaper.shape("client-3", "client", 3)).isInstanceOf(LabFailure.class)
                .hasMessageStartingWith("shaping client-3's link (lab.links.client: 100mbit, 2% loss): tc -n flotilla-20261130-031700-beef-client-3 qdisc add dev eth0 root tbf rate 100000000bit burst 125000 latency 50ms exited ")
                .hasMessageContaining("flotilla-20261130-031700-beef-client-3");
    }

    @Test
    void aRoleWithoutALinkIsNotTouched() {
        new LinkShaper(new LabNames("20261130-031700-beef"), Map.of("client", CLIENT)).shape("server-0", "server", 0);
    }

    @Test
    void theRatesBurstIsTenMillisecondsOfItAndNeverLessThanTwoFrames() {
        assertThat(LinkShaper.burst(100_000_000L)).isEqualTo(125_000);
        assertThat(LinkShaper.burst(1_000_000L)).isEqualTo(3028);
    }
}
