package org.flotilla.provider.lab;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad lab settings stop `up` with exit 2 before anything is launched, naming the file, line and key. */
class LabSettingsTest {
    @TempDir
    Path tmp;

    private Workspace.Result up(String body, String... sets) {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("lab.conf", "provider = lab\nroles.web.count = 3\n" + body);
        String[] args = new String[2 + sets.length * 2];
        args[0] = "up";
        args[1] = "--config=" + conf;
        for (int i = 0; i < sets.length; i++) {
            args[2 + 2 * i] = "--set";
            args[3 + 2 * i] = sets[i];
        }
        Workspace.Result r = w.cli(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(Files.exists(w.runsDir)).as("nothing launched, no run made").isFalse();
        return r;
    }

    @Test
    void aSubnetThatIsNotPrivateIsRefusedAtItsLine() {
        assertThat(up("lab.subnet = \"8.8.8.0/24\"\n").err()).contains("lab.conf:5:").contains("lab.subnet")
                .contains("'8.8.8.0/24' is not private");
    }

    @Test
    void aSubnetWithHostBitsOrTooSmallForTheRolesIsRefused() {
        assertThat(up("", "lab.subnet=10.1.2.3/16").err()).contains("lab.subnet").contains("did you mean 10.1.0.0/16?");
        assertThat(up("", "lab.subnet=10.1.2.0/29", "roles.web.count=4").err()).contains("lab.subnet: has room for 3 hosts, the roles ask for 4");
    }

    @Test
    void aJumpHostOfTheUsersIsRefused() {
        assertThat(up("ssh.jump = \"admin@127.0.0.1:2222\"\n").err()).contains("lab.conf:5:").contains("ssh.jump")
                .contains("provider = lab runs its own jump host, the only way in to its hosts; leave ssh.jump empty");
    }

    @Test
    void anImageWithoutSshSudoOrCloudInitIsRefused() {
        assertThat(up("lab.image.packages = [sudo, iproute2]\n").err())
                .contains("lab.image.packages: must include openssh-server");
        assertThat(up("lab.image.packages = [openssh-server, sudo]\n").err())
                .contains("lab.image.packages: must include cloud-init (hosts boot through cloud-init");
    }

    @Test
    void aPackageProxyThatIsNeitherOnNorOffIsNamed() {
        assertThat(up("lab.packages.proxy = sometimes\n").err()).contains("lab.conf:5").contains("lab.packages.proxy");
    }

    @Test
    void aMisspelledLabKeyIsNamed() {
        assertThat(up("lab.subnett = \"10.9.0.0/16\"\n").err()).contains("lab.subnett: unknown key (did you mean 'subnet'?)");
    }

    @Test
    void aSourcesFileThatDoesNotExistIsRefused() {
        assertThat(up("", "lab.image.sources=/nonexistent/debian.sources").err()).contains("lab.image.sources: no file /nonexistent/debian.sources");
    }
}
