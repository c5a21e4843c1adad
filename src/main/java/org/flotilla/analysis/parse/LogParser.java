package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;

/** Reads one kind of log as a stream, puts samples in the sink and lines it cannot read in problems. */
public interface LogParser {
    void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException;
}
