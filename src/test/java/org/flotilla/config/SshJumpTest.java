package org.flotilla.config;

import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ssh.jump is read as OpenSSH's ProxyJump writes one host, and anything else is refused at load with its file and line. */
class SshJumpTest {
    @TempDir
    Path tmp;

    @Test
    void theFormsOfOneJumpHost() {
        assertThat(SshJump.parse("", "me")).isEmpty();
        assertThat(SshJump.parse("bastion.example.org", "me")).contains(new SshJump("me", "bastion.example.org", 22));
        assertThat(SshJump.parse("admin@10.0.0.1:2222", "me")).contains(new SshJump("admin", "10.0.0.1", 2222));
        assertThat(SshJump.parse("admin@[::1]:2200", "me")).contains(new SshJump("admin", "::1", 2200));
        assertThat(SshJump.parse("[fe80::1]", "me").map(SshJump::endpoint)).isEqualTo(Optional.of("me@[fe80::1]:22"));
    }

    @Test
    void whatIsNotOneHostIsRefusedNamingFileLineAndWhy() {
        Workspace w = new Workspace(tmp);
        String[][] cases = {
                {"a@b:99999", "port 99999 is not between 1 and 65535"},
                {"0177.0.0.1", "OpenSSH would read it as 127.0.0.1"},
                {"a@b,c@d", "one jump host only"},
                {"-oProxyCommand=x@h", "is not a login name"},
                {"@h", "the user before '@' is empty"},
                {"::1", "write an IPv6 jump host in brackets"},
                {"h:port", "'port' is not a port number"},
        };
        for (String[] c : cases) {
            Path conf = w.config("jump.conf", "roles.web {}\nssh.jump = \"" + c[0] + "\"\n");
            assertThatThrownBy(() -> w.settings(conf)).as(c[0]).isInstanceOf(ConfigError.class)
                    .hasMessageContaining(conf + ":4").hasMessageContaining("ssh.jump").hasMessageContaining(c[1])
                    .hasMessageContaining("expected [user@]host[:port]");
        }
        assertThat(w.settings(w.config("ok.conf", "roles.web {}\nssh.user = deploy\nssh.jump = \"bastion\"\n")).ssh().jump())
                .contains(new SshJump("deploy", "bastion", 22));
    }
}
