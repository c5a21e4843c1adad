package org.flotilla.config;

import com.typesafe.config.Config;

/** How logs come home: how many hosts are downloaded from at once. */
public record FetchSettings(int parallel) {

    static FetchSettings from(Config c) {
        int parallel = c.getInt("fetch.parallel");
        if (parallel < 1) throw ConfigError.at(c.getValue("fetch.parallel").origin(), "fetch.parallel", "must be at least 1");
        return new FetchSettings(parallel);
    }
}
