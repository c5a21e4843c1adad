package org.flotilla.cli;

import org.flotilla.Workspace;
import org.flotilla.config.ConfigError;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.KeyOrigins;
import org.flotilla.config.Settings;
import org.flotilla.provider.lab.Netem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A lab link this machine cannot make (a delay without netem, a loss without nftables) stops `up` at its key: exit 2, nothing launched. */
@Timeout(120) // a check that went missing would let `up` launch a lab: fail, do not hang
class LinkPreLaunchTest {
    private static final String NO_NETEM = "this kernel has no sch_netem (tc: \"Error: Specified qdisc kind is unknown.\")";
    private static final Supplier<Optional<String>> NEVER_ASKED = () -> {
        throw new AssertionError("the kernel was probed for netem though no link has a delay");
    };
    @TempDir
    Path tmp;

    private Path conf(String links) {
        return new Workspace(tmp).config("lab.conf", "provider = lab\nroles { server.count = 1, client.count = 2 }\n" + links);
    }

    private static void links(Path conf, String path, Supplier<Optional<String>> netem) {
        var merged = new ConfigSources(conf, List.of(), Map.of()).load();
        PreLaunch.links(Settings.from(merged), new KeyOrigins(merged), path, netem);
    }

    @Test
    void aDelayOnAKernelWithoutNetemIsRefusedAtItsKeyAndWhy() {
        Path conf = conf("lab.links.client {\n  rate = 100mbit\n  delay = 20ms\n}\n");
        assertThatThrownBy(() -> links(conf, "", () -> Optional.of(NO_NETEM))).isInstanceOf(ConfigError.class)
                .hasMessage(conf + ":7: lab.links.client.delay: " + NO_NETEM);
        links(conf, "", Optional::empty); // where the kernel has netem, the delay is made
    }

    @Test
    void rateAndLossNeedNoNetemButLossNeedsNftables() throws Exception {
        Path conf = conf("lab.links.client { rate = 100mbit, loss = 2% }\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        assertThatThrownBy(() -> links(conf, bin.toString(), NEVER_ASKED))
                .hasMessage(conf + ":5: lab.links.client.loss: needs nft on this machine: apt-get install nftables");
        Files.writeString(bin.resolve("nft"), "#!/bin/sh\n");
        assertThat(bin.resolve("nft").toFile().setExecutable(true)).isTrue();
        links(conf, bin.toString(), NEVER_ASKED);
    }

    @Test
    void otherProvidersShapeNothingSoTheirLabLinksAskNothingOfThisMachine() {
        Path conf = new Workspace(tmp).config("local.conf", "roles.client.count = 1\nlab.links.client { delay = 20ms, loss = 1% }\n");
        links(conf, "", NEVER_ASKED);
    }

    /** The acceptance on this kernel: `up` with a delay exits 2 naming the key, before any run exists. */
    @Test
    void upWithADelayOnThisKernelExitsTwoNamingTheKeyWithNothingLaunched() {
        Optional<String> missing = Netem.missing();
        assumeThat(missing).as("this kernel has sch_netem: a delay is made, not refused").isPresent();
        Workspace w = new Workspace(tmp);
        Path conf = conf("");
        Workspace.Result r = w.cli("up", "--config", conf.toString(), "--set", "lab.links.client.delay=20ms");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains("lab.links.client.delay: this kernel has no sch_netem").contains("nothing was launched");
        assertThat(w.runsDir).doesNotExist();
    }
}
