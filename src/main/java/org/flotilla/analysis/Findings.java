package org.flotilla.analysis;

import org.flotilla.analysis.aggregate.BandwidthFigures;
import org.flotilla.analysis.aggregate.CpuFigures;
import org.flotilla.analysis.aggregate.LocustFigures;
import org.flotilla.analysis.aggregate.SiegeFigures;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.Segment;

import java.util.List;
import java.util.Map;

/**
 * What the analysis of one folder of logs found: the figures, the segments used, what could not be read.
 *
 * @param links each role's link as the run's journal recorded it ("client" -> "100mbit, 2% loss"); empty for none
 */
public record Findings(String name, List<Segment> segments, Map<LogKind, Integer> files, BandwidthFigures bandwidth,
                       CpuFigures cpu, SiegeFigures siege, LocustFigures locust, Problems problems, Map<String, String> links) {
    /** These findings, under the links the run's hosts had. */
    public Findings withLinks(Map<String, String> links) {
        return new Findings(name, segments, files, bandwidth, cpu, siege, locust, problems, links);
    }
}
