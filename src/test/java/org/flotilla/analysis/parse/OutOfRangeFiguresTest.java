package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13 point 13: a value out of range or not a number is a problem naming its field, never a figure (nor a silent 0). */
class OutOfRangeFiguresTest {
    private static final String SIEGE = "{\"transactions\": %s, \"availability\": %s, \"elapsed_time\": 3.17, \"response_time\": 0.01,"
            + " \"transaction_rate\": 9.46, \"throughput\": 0.0, \"successful_transactions\": 30, \"failed_transactions\": 0}";

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-5", "99999999999999999999999", "2.5", "\"abc\"", "null", "[]", "{}", "true"})
    void aSiegeJsonTransactionCountThatIsNoCountIsAProblem(String value) {
        Recorded r = Recorded.parseText(new SiegeJsonParser(), SIEGE.formatted(value, "100.00"));
        assertThat(r.siege).isEmpty();
        assertThat(onlyProblem(r)).contains("\"transactions\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1", "100.5", "\"abc\"", "null", "[]"})
    void aSiegeJsonAvailabilityOutsideZeroToHundredIsAProblem(String value) {
        Recorded r = Recorded.parseText(new SiegeJsonParser(), SIEGE.formatted("30", value));
        assertThat(r.siege).isEmpty();
        assertThat(onlyProblem(r)).contains("\"availability\"");
    }

    @Test
    void aGoodSiegeJsonSummaryStillCounts() {
        Recorded r = Recorded.parseText(new SiegeJsonParser(), SIEGE.formatted("30", "100.00"));
        assertThat(r.problems.count()).isZero();
        assertThat(r.siege).singleElement().satisfies(s -> {
            assertThat(s.transactions()).isEqualTo(30);
            assertThat(s.availability()).isEqualTo(100.0);
        });
    }

    @Test
    void aSiegeTextCountTooLargeToBeExactIsAProblem() {
        Recorded r = Recorded.parseText(new SiegeTextParser(), "Transactions: 99999999999999999999999 hits\nAvailability: 100.00 %\n"
                + "Elapsed time: 1.00 secs\nTransaction rate: 30.00 trans/sec\n");
        assertThat(r.siege).isEmpty();
        assertThat(onlyProblem(r)).contains("\"transactions\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e300", "-3", "2.5", "abc"})
    void aLocustRequestCountThatIsNoCountIsAProblem(String value) {
        String header = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
                + "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,100%\n";
        Recorded r = Recorded.parseText(new LocustStatsParser(), header + ",Aggregated," + value + ",0,2,2.0,0.8,23.7,6.0,13.7,0.0,2,24\n");
        assertThat(r.locust).isEmpty();
        assertThat(onlyProblem(r)).contains("Request Count").contains(":2:");
    }

    @Test
    void aLocustRateOfOneE300IsAProblem() {
        String header = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
                + "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,100%\n";
        Recorded r = Recorded.parseText(new LocustStatsParser(), header + ",Aggregated,10,0,2,2.0,0.8,23.7,6.0,1e300,0.0,2,24\n");
        assertThat(r.locust).isEmpty();
        assertThat(onlyProblem(r)).contains("Requests/s");
    }

    /** The one problem, as file:line: message. */
    private static String onlyProblem(Recorded r) {
        assertThat(r.problems.count()).isEqualTo(1);
        Problem p = r.problems.byFile().get(0).first().get(0);
        return p.where() + ": " + p.message();
    }
}
