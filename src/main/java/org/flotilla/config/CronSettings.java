package org.flotilla.config;

import com.typesafe.config.Config;

/** How cron-started tests are installed: the crontab's SHELL and PATH, where the file goes, as whom it runs. */
public record CronSettings(String shell, String path, String dir, String user) {

    static CronSettings from(Config c) {
        return new CronSettings(c.getString("cron.shell"), c.getString("cron.path"), c.getString("cron.dir"), c.getString("cron.user"));
    }
}
