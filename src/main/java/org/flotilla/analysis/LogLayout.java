package org.flotilla.analysis;

import org.flotilla.analysis.parse.Origin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log's path says about it. A run's logs are {@code <role>/<host>/<files>}; the classic
 * layout is {@code <test>/iperf-<pattern>-<host>} plus {@code dstat-<pattern>.csv} (or one
 * {@code dstat.csv}). Patterns may hold dashes: the patterns the dstat files name settle where the
 * pattern ends and the host begins; without them it ends at the first dash.
 */
final class LogLayout {
    private static final Pattern DSTAT = Pattern.compile("^dstat(?:-(.+?))?(?:\\.(?:csv|txt|log))?$");
    private static final Pattern EXTENSION = Pattern.compile("\\.(txt|log|json|csv|out)$");

    private final Path root;
    private final String rootName;
    private final Map<Path, List<String>> patterns = new HashMap<>();

    LogLayout(Path root, List<Path> files) {
        this.root = root;
        Path abs = root.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "logs" : abs.getFileName().toString();
        // a run's logs/ is named after the run
        if (name.equals("logs") && abs.getParent() != null && Files.isRegularFile(abs.getParent().resolve("journal.jsonl"))) {
            name = abs.getParent().getFileName().toString();
        }
        this.rootName = name;
        for (Path f : files) {
            Matcher m = DSTAT.matcher(f.getFileName().toString());
            if (m.matches() && m.group(1) != null) patterns.computeIfAbsent(f.getParent(), d -> new ArrayList<>()).add(m.group(1));
        }
        patterns.values().forEach(l -> l.sort(Comparator.comparingInt(String::length).reversed()));
    }

    String rootName() {
        return rootName;
    }

    Origin origin(Path file) {
        Path rel = root.relativize(file);
        String name = rel.toString();
        String fileName = file.getFileName().toString();
        int depth = rel.getNameCount();
        if (depth <= 2) {
            String test = depth == 2 ? rel.getName(0).toString() : rootName;
            if (fileName.startsWith("iperf-")) {
                String rest = EXTENSION.matcher(fileName.substring(6)).replaceFirst("");
                for (String p : patterns.getOrDefault(file.getParent(), List.of())) {
                    if (rest.startsWith(p + "-") && rest.length() > p.length() + 1) return new Origin(file, name, null, rest.substring(p.length() + 1), test, p);
                }
                int dash = rest.indexOf('-');
                if (dash > 0 && dash < rest.length() - 1) return new Origin(file, name, null, rest.substring(dash + 1), test, rest.substring(0, dash));
            }
            Matcher m = DSTAT.matcher(fileName);
            if (m.matches()) return new Origin(file, name, null, null, test, m.group(1));
        }
        if (depth >= 3) return new Origin(file, name, rel.getName(depth - 3).toString(), rel.getName(depth - 2).toString(), null, null);
        if (depth == 2) return new Origin(file, name, null, rel.getName(0).toString(), null, null);
        return new Origin(file, name, null, null, null, null);
    }
}
