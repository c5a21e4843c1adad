package org.flotilla.logs;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings each host's logs home over SFTP into &lt;out&gt;/&lt;role&gt;/&lt;host&gt;/, a bounded number of
 * hosts at once. Every file is checked against the SHA-256 the host computes of the same bytes
 * (the file as long as it was when listed, so a log still growing verifies too); a file already
 * here and verified is skipped, a partial one is continued. One host's failure is that host's.
 */
public final class LogFetcher {
    private final Settings settings;
    private final OnEachHost hosts;
    private final HostLog log;

    public LogFetcher(Settings settings, OnEachHost hosts, HostLog log) {
        this.settings = settings;
        this.hosts = hosts;
        this.log = log;
    }

    /** Fetches from these hosts, fetch.parallel at once; one result per host, in the order given. */
    public List<HostLogs> fetch(List<Host> from, Path out) throws InterruptedException {
        List<HostLogs> results = new ArrayList<>();
        hosts.run(from, settings.fetch().parallel(), null, (h, remote) -> fetchHost(h, remote, out.resolve(h.role()).resolve(h.id())))
                .forEach((h, r) -> {
                    if (!r.ok()) log.write(h, "fetch-logs: " + r.failure());
                    results.add(r.ok() ? r.value() : new HostLogs(h.id(), h.role(), 0, 0, 0, List.of(r.failure())));
                });
        return results;
    }

    private HostLogs fetchHost(Host host, Remote remote, Path dir) {
        List<String> problems = new ArrayList<>();
        List<String> paths = settings.logs(host.role());
        AtomicInteger fetched = new AtomicInteger();
        AtomicInteger alreadyHere = new AtomicInteger();
        long[] bytes = {0};
        if (paths.isEmpty()) return new HostLogs(host.id(), host.role(), 0, 0, 0, List.of());
        try {
            List<LogPath.Found> files = new ArrayList<>();
            for (String p : paths) {
                try {
                    files.addAll(new LogPath(p).resolve(remote, problem -> problems.add("log path " + p + ": " + problem)));
                } catch (IOException e) {
                    problems.add("log path " + p + ": " + e.getMessage());
                }
            }
            files = LocalNames.assign(files, note -> log.write(host, "fetch-logs: " + note));
            List<String> sums = remoteSums(remote, files);
            for (int i = 0; i < files.size(); i++) {
                LogPath.Found f = files.get(i);
                try {
                    long moved = fetchFile(remote, f, sums == null ? null : sums.get(i), dir.resolve(f.localName()));
                    if (moved < 0) {
                        alreadyHere.incrementAndGet();
                    } else {
                        fetched.incrementAndGet();
                        bytes[0] += moved;
                    }
                } catch (IOException e) {
                    problems.add(f.file().path() + ": " + e.getMessage());
                }
            }
            log.write(host, "fetch-logs: " + fetched + " files fetched (" + bytes[0] + " bytes), " + alreadyHere
                    + " already here, into " + dir + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems)));
        } catch (IOException | RuntimeException e) {
            problems.add("fetch failed: " + e.getMessage());
        }
        return new HostLogs(host.id(), host.role(), fetched.get(), alreadyHere.get(), bytes[0], problems);
    }

    /**
     * The hosts' own SHA-256 of each file's first `size` bytes, in one command; null when the
     * host has no sha256sum (then each file is hashed by reading it over SFTP a second time).
     * A file the shell cannot read gets no sum (null in its place): it fails alone, at its download.
     */
    private static List<String> remoteSums(Remote remote, List<LogPath.Found> files) throws IOException {
        if (files.isEmpty()) return List.of();
        StringBuilder script = new StringBuilder();
        for (LogPath.Found f : files) {
            String path = ShellWords.quote(f.file().path());
            script.append("if [ -r ").append(path).append(" ]; then head -c ").append(f.file().size()).append(" -- ").append(path)
                    .append(" | sha256sum; else echo -; fi; ");
        }
        ExecResult r = remote.exec(script.toString());
        if (r.exitCode() == 127 || r.stderr().contains("sha256sum: not found") || r.stderr().contains("command not found")) return null;
        String[] lines = r.stdout().strip().split("\n");
        if (!r.ok() || lines.length != files.size()) {
            throw new IOException("sha256sum on the host failed (exit " + r.exitCode() + "): " + r.lastWords());
        }
        List<String> sums = new ArrayList<>();
        for (String line : lines) {
            String sum = line.strip().split("\\s+")[0];
            sums.add(sum.equals("-") ? null : sum);
        }
        return sums;
    }

    /** Returns the bytes moved, or -1 when the file was already here and verified. */
    private static long fetchFile(Remote remote, LogPath.Found f, String remoteSum, Path local) throws IOException {
        long size = f.file().size();
        String want = remoteSum != null ? remoteSum : sftpSum(remote, f.file().path(), size);
        long have = Files.isRegularFile(local) ? Files.size(local) : -1;
        if (have == size && want.equals(localSum(local))) return -1;
        long moved;
        if (have >= 0 && have < size) {
            moved = append(remote, f.file().path(), have, size, local);
            if (want.equals(localSum(local))) return moved;
        }
        Files.createDirectories(local.getParent());
        try (OutputStream out = Files.newOutputStream(local)) {
            remote.read(f.file().path(), 0, size, out);
        }
        moved = size;
        String got = localSum(local);
        if (!want.equals(got)) throw new IOException("SHA-256 mismatch after download: host " + want + ", here " + got);
        return moved;
    }

    private static long append(Remote remote, String path, long from, long to, Path local) throws IOException {
        try (OutputStream out = Files.newOutputStream(local, StandardOpenOption.APPEND)) {
            remote.read(path, from, to, out);
        }
        return to - from;
    }

    private static String sftpSum(Remote remote, String path, long size) throws IOException {
        MessageDigest sha = sha256();
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            remote.read(path, 0, size, sink);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String localSum(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
