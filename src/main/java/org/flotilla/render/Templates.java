package org.flotilla.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FreeMarker for a run: resource templates from the resources directory, and inline
 * templates (setup steps). Each template is parsed once and rendered per host.
 */
public final class Templates {
    private final Configuration freemarker;
    private final Path resourcesDir;
    private final Map<String, Template> inline = new ConcurrentHashMap<>();
    private final Map<String, byte[]> staticFiles = new ConcurrentHashMap<>();

    public Templates(Path resourcesDir) {
        this.resourcesDir = resourcesDir;
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        try {
            if (Files.isDirectory(resourcesDir)) freemarker.setTemplateLoader(new FileTemplateLoader(resourcesDir.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setNumberFormat("computer");
        freemarker.setBooleanFormat("c");
    }

    /**
     * Forgets what was read from the resources directory, so the next pass (a `configure` of a
     * held fleet) pushes the files as they are now; within a pass each is read and parsed once.
     */
    public void reread() {
        staticFiles.clear();
        freemarker.clearTemplateCache();
    }

    /** A resource template (a *.ftl under the resources directory) rendered for one host. */
    public byte[] renderFile(String source, Map<String, Object> model) throws RenderFailure {
        return render(parseFile(source), model).getBytes(StandardCharsets.UTF_8);
    }

    /** An inline template, named for error messages (e.g. "roles.client.setup[2]"). */
    public String renderInline(String name, String text, Map<String, Object> model) throws RenderFailure {
        return render(parseInline(name, text), model);
    }

    /** Parses a resource template without rendering it (a role with no hosts still has its syntax checked). */
    public Template parseFile(String source) throws RenderFailure {
        try {
            return freemarker.getTemplate(source);
        } catch (ParseException e) {
            throw new RenderFailure(source + ":" + e.getLineNumber() + ": " + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new RenderFailure(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses an inline template once; later calls with the same name and text reuse it. */
    public Template parseInline(String name, String text) throws RenderFailure {
        Template t = inline.get(name + "\0" + text);
        if (t == null) {
            try {
                t = new Template(name, text, freemarker);
            } catch (ParseException e) {
                throw new RenderFailure(name + ":" + e.getLineNumber() + ": " + e.getEditorMessage(), e);
            } catch (IOException e) {
                throw new RenderFailure(name + ": " + e.getMessage(), e);
            }
            inline.put(name + "\0" + text, t);
        }
        return t;
    }

    /** A static resource's bytes, read once. */
    public byte[] staticFile(String source) throws IOException {
        byte[] b = staticFiles.get(source);
        if (b == null) {
            b = Files.readAllBytes(resourcesDir.resolve(source));
            staticFiles.put(source, b);
        }
        return b;
    }

    private static String render(Template t, Map<String, Object> model) throws RenderFailure {
        StringWriter out = new StringWriter();
        try {
            t.process(model, out);
        } catch (TemplateException e) {
            String where = e.getTemplateSourceName() != null ? e.getTemplateSourceName() : t.getSourceName();
            Integer line = e.getLineNumber();
            // FreeMarker's first line for a missing name is only "The following has evaluated to null or missing:"
            String problem = e instanceof InvalidReferenceException && e.getBlamedExpressionString() != null
                    ? "no value for ${" + e.getBlamedExpressionString() + "} (a name no variable has)"
                    : firstLine(e.getMessageWithoutStackTop());
            throw new RenderFailure(where + (line != null ? ":" + line : "") + ": " + problem, e);
        } catch (IOException e) {
            throw new RenderFailure(t.getSourceName() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        String trimmed = s.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
