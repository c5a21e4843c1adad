package org.flotilla.provider.ec2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad EC2 settings stop `up` before anything is launched, naming the file, line and key. */
class Ec2SettingsTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @Test
    void aMisspelledKeyIsNamedWithItsLineAndASuggestion(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, NOWHERE, "ec2.regoin = eu-west-1");
        Ec2Fixture.Result r = f.cli("up", "--config", f.config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f.config.toString() + ":").contains("ec2.regoin: unknown key (did you mean 'region'?)")
                .contains("nothing was launched");
        assertThat(Files.exists(f.runs)).isFalse();
    }

    @Test
    void aMarketThatDoesNotExistIsRefused(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, NOWHERE, "");
        Ec2Fixture.Result r = f.cli("up", "--config", f.config.toString(), "--set", "ec2.market=spto");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ec2.market: expected on-demand, spot or spot-then-on-demand, got 'spto'");
    }

    @Test
    void theImageIsRequiredWithTheEc2Provider(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, NOWHERE, "");
        Ec2Fixture.Result r = f.cli("up", "--config", f.config.toString(), "--set", "ec2.image=\"\"");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ec2.image: set an AMI id");
    }

    @Test
    void tagsFlotillaSetsItselfAreRefused(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, NOWHERE, "ec2.tags { \"flotilla:run\" = mine, project = perf }");
        Ec2Fixture.Result r = f.cli("up", "--config", f.config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("ec2.tags.flotilla:run: is set by Flotilla itself");
    }
}
