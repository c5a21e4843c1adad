package org.flotilla.schedule;

import org.flotilla.config.TestPlan;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a test's command template sees: the host's model, plus `test` (name, pattern) and `pattern`. */
public final class TestModel {
    private TestModel() {
    }

    public static Map<String, Object> of(Map<String, Object> hostModel, TestPlan test, String pattern) {
        Map<String, Object> model = new LinkedHashMap<>(hostModel);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", test.name());
        t.put("pattern", pattern == null ? "" : pattern);
        model.put("test", t);
        model.put("pattern", pattern == null ? "" : pattern);
        return model;
    }
}
