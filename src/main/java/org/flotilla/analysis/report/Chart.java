package org.flotilla.analysis.report;

import java.util.function.Supplier;

/**
 * A chart file of the report and what it shows; its SVG is drawn when asked, so that index.html, which names the
 * charts, is rendered while they are drawn.
 */
public record Chart(String file, String title, Supplier<String> svg) {
}
