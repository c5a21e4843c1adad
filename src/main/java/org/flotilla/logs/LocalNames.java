package org.flotilla.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Gives every remote file of a host one local name of its own. A file named by two configured
 * paths comes once; files that would share a name ("coll/a/x.log" and "coll/b/x.log" both
 * give "x.log") are each kept under their remote path instead, so none overwrites another and
 * the count of files fetched is the count of files on disk.
 */
final class LocalNames {
    private LocalNames() {
    }

    static List<LogPath.Found> assign(List<LogPath.Found> found, Consumer<String> note) {
        Map<String, LogPath.Found> byRemote = new LinkedHashMap<>();
        for (LogPath.Found f : found) byRemote.putIfAbsent(f.file().path(), f);
        Map<String, Long> uses = byRemote.values().stream().collect(Collectors.groupingBy(LogPath.Found::localName, Collectors.counting()));
        Set<String> taken = new HashSet<>();
        List<LogPath.Found> out = new ArrayList<>();
        for (LogPath.Found f : byRemote.values()) {
            String name = f.localName();
            if (uses.get(name) > 1) {
                name = underHostFolder(f.file().path());
                note.accept(f.file().path() + " shares the name " + f.localName() + " with another log: kept under its remote path, " + name);
            }
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) unique = name + "." + n;
            out.add(new LogPath.Found(f.file(), unique));
        }
        return out;
    }

    /** A remote path as a path below the host's folder: never absolute, never climbing out of it. */
    static String underHostFolder(String remote) {
        List<String> parts = new ArrayList<>();
        for (String p : remote.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            parts.add(p.equals("..") ? "__" : p);
        }
        return String.join("/", parts);
    }
}
