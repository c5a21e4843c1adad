package org.flotilla.analysis.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;

/** A table as CSV with the classic tables' ';' separator, so it pastes into the same spreadsheets. */
final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\n").build();

    private CsvTable() {
    }

    static void write(Table t, Writer out) throws IOException {
        try (CSVPrinter p = new CSVPrinter(out, FORMAT)) {
            p.printRecord(t.columns());
            for (var row : t.rows()) p.printRecord(row);
        }
    }
}
