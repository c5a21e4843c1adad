package org.flotilla.analysis;

import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples parsed on another thread reach the folding sink all, once, in the parser's order, however many chunks they fill. */
class RelayTest {
    @Test
    void everySampleArrivesInOrderThroughABoundedQueue() throws Exception {
        Origin origin = new Origin(Path.of("dstat.csv"), "dstat.csv", null, "server", null, null);
        for (int n : new int[]{0, 1, 1024, 10_001}) {
            Relay relay = new Relay();
            Thread parser = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) relay.cpu(new CpuSample(origin, i + 1, Instant.ofEpochSecond(i), i, 0, 0, 0, 0, 0));
                } finally {
                    relay.finish();
                }
            });
            parser.start();
            List<Long> lines = new ArrayList<>();
            relay.drainTo(new LogSink() {
                @Override
                public void cpu(CpuSample s) {
                    lines.add(s.line());
                }
            });
            parser.join();
            assertThat(lines).as("%d samples", n).hasSize(n);
            for (int i = 0; i < n; i++) assertThat(lines.get(i)).isEqualTo(i + 1L);
        }
    }
}
