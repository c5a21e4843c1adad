package org.flotilla.logs;

import org.flotilla.ssh.Remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A configured remote log path and what it names: a file ("logs/dstat.txt"), a directory
 * ("logs/", everything below it) or a glob in the last part ("logs/iperf-*.json"). Each file
 * gets a local name: its path below the directory, or its file name.
 */
record LogPath(String configured) {

    /** A file to bring home and the name it gets under the host's log directory. */
    record Found(Remote.RemoteFile file, String localName) {
    }

    /**
     * The files this path names. A subdirectory that cannot be listed (a name the server will not
     * open) is told to {@code problems} and costs only itself; the path itself not existing is an error.
     */
    List<Found> resolve(Remote remote, Consumer<String> problems) throws IOException {
        try {
            return resolveAll(remote, problems);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<Found> resolveAll(Remote remote, Consumer<String> problems) throws IOException {
        List<Found> out = new ArrayList<>();
        int slash = configured.lastIndexOf('/', configured.endsWith("/") ? configured.length() - 2 : configured.length());
        String last = configured.substring(slash + 1);
        if (last.contains("*") || last.contains("?") || last.contains("[")) {
            String dir = slash < 0 ? "" : configured.substring(0, slash);
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + last);
            if (!dir.isEmpty() && !remote.isDirectory(dir)) throw new IOException("no directory " + dir + " for " + configured);
            for (Remote.RemoteFile f : remote.listing(dir).files()) {
                String name = f.path().substring(f.path().lastIndexOf('/') + 1);
                if (glob.matches(java.nio.file.Path.of(name))) out.add(new Found(f, name));
            }
            return out;
        }
        if (configured.endsWith("/") || remote.isDirectory(configured)) {
            String dir = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
            if (!remote.isDirectory(dir)) throw new IOException("no directory " + configured);
            Deque<String> dirs = new ArrayDeque<>(List.of(dir));
            while (!dirs.isEmpty()) {
                String d = dirs.pop();
                Remote.Listing listing;
                try {
                    listing = remote.listing(d);
                } catch (IOException e) {
                    if (d.equals(dir)) throw e;
                    problems.accept("cannot list \"" + d + "\": " + e.getMessage());
                    continue;
                }
                for (Remote.RemoteFile f : listing.files()) out.add(new Found(f, f.path().substring(dir.length() + 1)));
                dirs.addAll(listing.dirs());
            }
            out.sort(java.util.Comparator.comparing(f -> f.file().path()));
            return out;
        }
        Remote.RemoteFile f = remote.file(configured).orElseThrow(() -> new IOException("no file " + configured));
        out.add(new Found(f, last));
        return out;
    }
}
