package org.flotilla.analysis.report;

import java.util.List;

/**
 * A table of the report, cells already formatted, ready for any writer.
 *
 * @param name file name without extension, e.g. "classic-bandwidth"
 */
public record Table(String name, String title, List<String> columns, List<List<String>> rows) {
}
