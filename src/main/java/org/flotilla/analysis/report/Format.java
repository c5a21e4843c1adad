package org.flotilla.analysis.report;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The forms a report can take: tables as CSV, MediaWiki, Trac or Markdown files, and index.html with charts. */
public enum Format {
    CSV("csv", null),
    MEDIAWIKI("mediawiki", "mediawiki.ftl"),
    TRAC("trac", "trac.ftl"),
    MARKDOWN("md", "markdown.ftl"),
    HTML("html", "index.ftlh");

    private final String extension;
    private final String template;

    Format(String extension, String template) {
        this.extension = extension;
        this.template = template;
    }

    public String extension() {
        return extension;
    }

    String template() {
        return template;
    }

    /** "csv,trac,html" → the formats; an unknown name is an error that lists the known ones. */
    public static Set<Format> parse(String list) {
        Set<Format> out = EnumSet.noneOf(Format.class);
        for (String name : list.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) continue;
            if (n.equals("MD")) n = "MARKDOWN";
            try {
                out.add(Format.valueOf(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format: unknown format '" + name.trim() + "' (known: "
                        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--format: no format given");
        return out;
    }
}
