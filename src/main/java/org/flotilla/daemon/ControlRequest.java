package org.flotilla.daemon;

import java.util.List;

/** What a command asks of a run's daemon: one record per action; its JSON is the request's body. */
sealed interface ControlRequest {
    /** The action's name: the path it is posted to. */
    String action();

    record Ping() implements ControlRequest {
        public String action() {
            return "ping";
        }
    }

    /** Command {@code command} of process {@code pid} touches the fleet: it is not idle while that process lives. */
    record Touch(String command, long pid) implements ControlRequest {
        public String action() {
            return "touch";
        }
    }

    record Configure() implements ControlRequest {
        public String action() {
            return "configure";
        }
    }

    record Push(List<String> roles) implements ControlRequest {
        public String action() {
            return "push";
        }
    }

    /**
     * @param pattern null: every pattern of the test, in order
     * @param sets    --set KEY=VALUE over the run's settings, for this test alone
     */
    record RunTest(String test, String pattern, List<String> sets) implements ControlRequest {
        public String action() {
            return "run-test";
        }
    }

    /** @param roles null: every role */
    record FetchLogs(List<String> roles, String dir) implements ControlRequest {
        public String action() {
            return "fetch-logs";
        }
    }

    record Down() implements ControlRequest {
        public String action() {
            return "down";
        }
    }
}
