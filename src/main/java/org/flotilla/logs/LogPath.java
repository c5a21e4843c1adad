package org.flotilla.logs;

import org.flotilla.ssh.Remote;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured remote log path and what it names: a file ("logs/dstat.txt"), a directory
 * ("logs/", everything below it) or a glob in the last part ("logs/iperf-*.json"). Each file
 * gets a local name: its path below the directory, or its file name.
 */
record LogPath(String configured) {

    /** A file to bring home and the name it gets under the host's log directory. */
    record Found(Remote.RemoteFile file, String localName) {
    }

    List<Found> resolve(Remote remote) throws IOException {
        List<Found> out = new ArrayList<>();
        int slash = configured.lastIndexOf('/', configured.endsWith("/") ? configured.length() - 2 : configured.length());
        String last = configured.substring(slash + 1);
        if (last.contains("*") || last.contains("?") || last.contains("[")) {
            String dir = slash < 0 ? "" : configured.substring(0, slash);
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + last);
            if (!dir.isEmpty() && !remote.isDirectory(dir)) throw new IOException("no directory " + dir + " for " + configured);
            for (Remote.RemoteFile f : remote.list(dir, false)) {
                String name = f.path().substring(f.path().lastIndexOf('/') + 1);
                if (glob.matches(java.nio.file.Path.of(name))) out.add(new Found(f, name));
            }
            return out;
        }
        if (configured.endsWith("/") || remote.isDirectory(configured)) {
            String dir = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
            if (!remote.isDirectory(dir)) throw new IOException("no directory " + configured);
            for (Remote.RemoteFile f : remote.list(dir, true)) out.add(new Found(f, f.path().substring(dir.length() + 1)));
            return out;
        }
        Remote.RemoteFile f = remote.file(configured).orElseThrow(() -> new IOException("no file " + configured));
        out.add(new Found(f, last));
        return out;
    }
}
