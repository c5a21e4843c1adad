package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

/**
 * Where the user wrote a key, for checks made after the settings are built (templates rendered
 * for a sample host): "file:line: ", or "" when it cannot be told. Steps are object keys
 * (String) and list indexes (Integer), so that names with dots (a test "soak.v2") need no quoting.
 */
public final class KeyOrigins {
    private final Config config;

    public KeyOrigins(Config config) {
        this.config = config;
    }

    public String where(Object... steps) {
        ConfigValue v = config.root();
        for (Object step : steps) {
            if (step instanceof Integer i && v instanceof ConfigList list && i < list.size()) v = list.get(i);
            else if (step instanceof String key && v instanceof ConfigObject o && o.containsKey(key)) v = o.get(key);
            else return "";
        }
        return ConfigError.where(v.origin());
    }
}
