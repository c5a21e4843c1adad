package org.flotilla.output;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;
import org.flotilla.fleet.SecretMask;

import java.util.List;

/**
 * {@code %masked{PATTERN}} in a Log4j layout: PATTERN as it would be, with every secret the process
 * knows shown as {@code ***}. A library at DEBUG logs the commands it runs, and a failed setup step's
 * output may hold a password: a log file is one more place {@link SecretMask} must stand before.
 */
@Plugin(name = "MaskedLogConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"masked"})
public final class MaskedLogConverter extends LogEventPatternConverter {
    private final List<PatternFormatter> formatters;

    private MaskedLogConverter(List<PatternFormatter> formatters) {
        super("masked", "masked");
        this.formatters = formatters;
    }

    /** Called by Log4j with the pattern between the braces. */
    public static MaskedLogConverter newInstance(Configuration config, String[] options) {
        if (options.length != 1) throw new IllegalArgumentException("%masked takes one pattern: %masked{...}");
        return new MaskedLogConverter(PatternLayout.createPatternParser(config).parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder to) {
        int start = to.length();
        for (PatternFormatter f : formatters) f.format(event, to);
        String masked = SecretMask.apply(to.substring(start));
        to.setLength(start);
        to.append(masked);
    }

    /** When the inner pattern prints the exception, the layout must not print it again, unmasked. */
    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
