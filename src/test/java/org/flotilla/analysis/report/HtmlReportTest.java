package org.flotilla.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.analysis.Analysis;
import org.flotilla.analysis.Findings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** index.html opened in headless Chromium: no errors, every chart image loaded (non-zero natural size). */
class HtmlReportTest {
    /** Injected into a copy of the page: records load errors and, after load, each image's natural size. */
    private static final String PROBE = """
            <script>
            window.__errors = [];
            window.addEventListener('error', e => window.__errors.push(String(e.message || (e.target && (e.target.src || e.target.href)))), true);
            window.addEventListener('load', () => {
              const pre = document.createElement('pre');
              pre.id = 'flotilla-probe';
              pre.textContent = JSON.stringify({errors: window.__errors,
                images: Array.from(document.images).map(i => ({src: i.getAttribute('src'), w: i.naturalWidth, h: i.naturalHeight}))});
              document.body.appendChild(pre);
            });
            </script>
            """;
    private static final Pattern RESULT = Pattern.compile("<pre id=\"flotilla-probe\">(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void reportOpensInChromiumAndEveryChartLoads() throws Exception {
        Chromium chromium = Chromium.find(tmp);
        Path report = tmp.resolve("report");
        Findings f = new Analysis(Path.of("src/test/resources/fixtures"), List.of(), List.of(), null).run();
        new Report(new ReportTemplates(null)).write(f, java.util.EnumSet.of(Format.HTML), report);

        JsonNode probe = probe(chromium, report);
        assertThat(probe.path("errors")).isEmpty();
        JsonNode images = probe.path("images");
        // fixtures: bandwidth per client, fleet total, sorted bars; CPU of three sampled hosts; Locust requests/s
        assertThat(images.size()).isGreaterThanOrEqualTo(7);
        for (JsonNode i : images) {
            assertThat(i.path("w").asInt()).as(i.path("src").asText()).isPositive();
            assertThat(i.path("h").asInt()).as(i.path("src").asText()).isPositive();
        }

        Path png = tmp.resolve("shot.png");
        chromium.screenshot(report.resolve("index.html"), png);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(colours(shot)).as("the screenshot shows more than a blank page").isGreaterThan(20);
    }

    @Test
    void theProbeSeesABrokenChart() throws Exception {
        Chromium chromium = Chromium.find(tmp);
        Path report = tmp.resolve("report");
        Findings f = new Analysis(Path.of("src/test/resources/classic"), List.of(), List.of(), null).run();
        new Report(new ReportTemplates(null)).write(f, java.util.EnumSet.of(Format.HTML), report);
        Path chart;
        try (var files = Files.list(report)) {
            chart = files.filter(p -> p.toString().endsWith(".svg")).findFirst().orElseThrow();
        }
        Files.writeString(chart, "<svg this is not xml");
        JsonNode images = probe(chromium, report).path("images");
        boolean broken = false;
        for (JsonNode i : images) if (i.path("src").asText().equals(chart.getFileName().toString())) broken = i.path("w").asInt() == 0;
        assertThat(broken).as("a broken SVG has no natural size, so the check above can fail").isTrue();
    }

    private static JsonNode probe(Chromium chromium, Path report) throws IOException, InterruptedException {
        String html = Files.readString(report.resolve("index.html"));
        Path page = report.resolve("probe.html");
        Files.writeString(page, html.replaceFirst("<head>", "<head>\n" + PROBE));
        String dom = chromium.dumpDom(page);
        Matcher m = RESULT.matcher(dom);
        assertThat(m.find()).as("the probe ran; DOM was:\n" + dom).isTrue();
        return new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
    }

    private static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) for (int x = 0; x < img.getWidth(); x += 7) seen.add(img.getRGB(x, y));
        return seen.size();
    }
}
