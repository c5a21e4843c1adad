package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a parser put in its sink and its problems, for tests. */
final class Recorded implements LogSink {
    final List<ClientResult> results = new ArrayList<>();
    final List<BandwidthPoint> points = new ArrayList<>();
    final List<CpuSample> cpu = new ArrayList<>();
    final List<SiegeResult> siege = new ArrayList<>();
    final List<LocustStats> locust = new ArrayList<>();
    final List<LocustPoint> locustPoints = new ArrayList<>();
    final Problems problems = new Problems();

    static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures").resolve(name);
    }

    static Recorded parse(LogParser parser, String fixture) {
        try (InputStream in = Files.newInputStream(fixture(fixture))) {
            return parse(parser, in, fixture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Recorded parseText(LogParser parser, String text) {
        return parse(parser, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "inline");
    }

    private static Recorded parse(LogParser parser, InputStream in, String name) {
        Recorded r = new Recorded();
        try {
            parser.parse(new Origin(Path.of(name), name, null, "h", null, null), in, r, r.problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    @Override
    public void result(ClientResult r) {
        results.add(r);
    }

    @Override
    public void bandwidth(BandwidthPoint p) {
        points.add(p);
    }

    @Override
    public void cpu(CpuSample s) {
        cpu.add(s);
    }

    @Override
    public void siege(SiegeResult r) {
        siege.add(r);
    }

    @Override
    public void locust(LocustStats s) {
        locust.add(s);
    }

    @Override
    public void locustPoint(LocustPoint p) {
        locustPoints.add(p);
    }
}
