package org.flotilla.analysis.parse;

import java.util.function.IntFunction;

/** The kinds of log the analyzer reads, each with its parser (some need the year the logs leave out). */
public enum LogKind {
    IPERF3_JSON("iperf3 JSON", y -> new Iperf3JsonParser()),
    IPERF3_TEXT("iperf3 text", y -> new Iperf3TextParser()),
    IPERF2_TEXT("iperf2 text", y -> new Iperf2TextParser()),
    IPERF2_CSV("iperf2 CSV", y -> new Iperf2CsvParser()),
    DSTAT_CSV("dstat CSV", DstatCsvParser::new),
    DSTAT_TEXT("dstat text", DstatTextParser::new),
    SADF("sadf -d", y -> new SadfParser()),
    SIEGE_TEXT("siege summary", y -> new SiegeTextParser()),
    SIEGE_JSON("siege JSON", y -> new SiegeJsonParser()),
    LOCUST_STATS("Locust stats CSV", y -> new LocustStatsParser()),
    LOCUST_HISTORY("Locust stats history CSV", y -> new LocustHistoryParser());

    private final String label;
    private final IntFunction<LogParser> parser;

    LogKind(String label, IntFunction<LogParser> parser) {
        this.label = label;
        this.parser = parser;
    }

    public String label() {
        return label;
    }

    public LogParser parser(int year) {
        return parser.apply(year);
    }

    /**
     * Its rows are read by the columns that lines at its start name (a CSV's header, dstat's two header lines):
     * a later part of the file, read alone, needs those lines in front of it.
     */
    public boolean isHeaded() {
        return this == DSTAT_CSV || this == DSTAT_TEXT || this == LOCUST_STATS || this == LOCUST_HISTORY;
    }

    /** Bandwidth logs go first: their times can cut the samplers' files into segments. */
    public boolean isBandwidth() {
        return this == IPERF3_JSON || this == IPERF3_TEXT || this == IPERF2_TEXT || this == IPERF2_CSV;
    }
}
