package org.flotilla.config;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How Flotilla reaches hosts over SSH. */
public record SshSettings(String user, int port, Optional<Path> key, String keyPassphraseEnv,
                          HostKeyPolicy hostKeys, Path knownHosts, Duration connectTimeout,
                          Duration attemptTimeout, Duration loginTimeout, Duration commandTimeout,
                          Optional<SshJump> jump) {

    static SshSettings from(Config c) {
        String user = c.getString("ssh.user");
        if (user.isBlank()) user = System.getProperty("user.name");
        String key = c.getString("ssh.key");
        HostKeyPolicy policy;
        try {
            policy = HostKeyPolicy.parse(c.getString("ssh.host-keys"));
        } catch (IllegalArgumentException e) {
            throw ConfigError.at(c.getValue("ssh.host-keys").origin(), "ssh.host-keys", e.getMessage());
        }
        int port = c.getInt("ssh.port");
        if (port < 1 || port > 65535) {
            throw ConfigError.at(c.getValue("ssh.port").origin(), "ssh.port", "must be between 1 and 65535, got " + port);
        }
        Optional<SshJump> jump;
        try {
            jump = SshJump.parse(c.getString("ssh.jump"), user);
        } catch (IllegalArgumentException e) {
            throw ConfigError.at(c.getValue("ssh.jump").origin(), "ssh.jump", e.getMessage() + " (expected [user@]host[:port])");
        }
        Duration attempt = Durations.positive(c, "ssh.attempt-timeout");
        Duration login = Durations.positive(c, "ssh.login-timeout");
        if (login.compareTo(attempt) < 0) {
            throw ConfigError.at(c.getValue("ssh.login-timeout").origin(), "ssh.login-timeout",
                    "must be at least ssh.attempt-timeout (" + c.getValue("ssh.attempt-timeout").unwrapped() + "), got "
                            + c.getValue("ssh.login-timeout").unwrapped());
        }
        return new SshSettings(user, port,
                key.isBlank() ? Optional.empty() : Optional.of(Paths.expand(key)),
                c.getString("ssh.key-passphrase-env"), policy,
                Paths.expand(c.getString("ssh.known-hosts")),
                Durations.positive(c, "ssh.connect-timeout"), attempt, login,
                Durations.positive(c, "ssh.command-timeout"), jump);
    }
}
