package org.flotilla.analysis.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The FreeMarker templates that shape the report: a user's folder first (the project's
 * {@code analysis/}, where tables can be restyled without Java), then the defaults in the jar.
 * {@code *.ftlh} templates escape HTML.
 */
public final class ReportTemplates {
    private final Path userDir;
    /** Made on first use: loading FreeMarker's classes is a good part of a report's start, and can go beside other work. */
    private Configuration freemarker;

    /** @param userDir a folder of templates overriding the defaults, or null */
    public ReportTemplates(Path userDir) {
        this.userDir = userDir;
    }

    private synchronized Configuration freemarker() {
        if (freemarker != null) return freemarker;
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        try {
            TemplateLoader jar = new ClassTemplateLoader(ReportTemplates.class, "/analysis");
            freemarker.setTemplateLoader(userDir != null && Files.isDirectory(userDir)
                    ? new MultiTemplateLoader(new TemplateLoader[]{new FileTemplateLoader(userDir.toFile()), jar}) : jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setNumberFormat("computer");
        return freemarker;
    }

    /** Reads and compiles the templates ahead of their first render (FreeMarker keeps them), e.g. while the tables are built. */
    public void prepare(Collection<String> templates) throws IOException {
        for (String t : templates) freemarker().getTemplate(t);
    }

    public void render(String template, Map<String, Object> model, Writer out) throws IOException {
        try {
            freemarker().getTemplate(template).process(model, out);
        } catch (TemplateException e) {
            throw new IOException(template + ":" + e.getLineNumber() + ": " + e.getMessageWithoutStackTop(), e);
        }
    }
}
