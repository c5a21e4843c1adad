package org.flotilla.analysis;

import org.flotilla.analysis.aggregate.CpuFigures;
import org.flotilla.analysis.aggregate.LocustFigures;
import org.flotilla.analysis.aggregate.SiegeFigures;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LocustStats;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.SiegeResult;
import org.flotilla.analysis.segment.Subtest;

/** Sends each sampler, siege and Locust sample to the figures of the test patterns it belongs to, as it streams by. */
final class SampleRouting implements LogSink {
    private final Placement placement;
    private final CpuFigures cpu;
    private final SiegeFigures siege;
    private final LocustFigures locust;

    SampleRouting(Placement placement, CpuFigures cpu, SiegeFigures siege, LocustFigures locust) {
        this.placement = placement;
        this.cpu = cpu;
        this.siege = siege;
        this.locust = locust;
    }

    @Override
    public void cpu(CpuSample s) {
        cpu.chart(s);
        for (Subtest t : placement.samples(s.origin(), s.time())) cpu.add(t, s);
    }

    @Override
    public void siege(SiegeResult r) {
        siege.add(placement.of(r.origin(), null), r);
    }

    @Override
    public void locust(LocustStats s) {
        locust.add(placement.of(s.origin(), null), s);
    }

    @Override
    public void locustPoint(LocustPoint p) {
        locust.add(p);
    }
}
