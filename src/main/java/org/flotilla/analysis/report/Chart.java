package org.flotilla.analysis.report;

/** A chart file of the report and what it shows. */
public record Chart(String file, String title, String svg) {
}
