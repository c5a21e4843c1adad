package org.flotilla.config;

import com.typesafe.config.Config;

/** How cron-started tests are installed: the crontab's SHELL and PATH, where the file goes, as whom it runs. */
public record CronSettings(String shell, String path, String dir, String user) {

    static CronSettings from(Config c) {
        // each is written into the crontab as it is: a space or a line break there would add fields or entries
        String shell = oneWord(c, "cron.shell");
        String path = oneWord(c, "cron.path");
        String user = oneWord(c, "cron.user");
        String problem = SshTarget.userProblem(user);
        if (problem != null || user.isEmpty()) {
            throw ConfigError.at(c.getValue("cron.user").origin(), "cron.user", problem != null ? problem : "missing: the user cron runs the tests as");
        }
        return new CronSettings(shell, path, c.getString("cron.dir"), user);
    }

    private static String oneWord(Config c, String key) {
        String value = c.getString(key);
        if (value.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            throw ConfigError.at(c.getValue(key).origin(), key, "'" + Shown.of(value) + "' has a space or a control character; it is one word of the crontab");
        }
        return value;
    }
}
