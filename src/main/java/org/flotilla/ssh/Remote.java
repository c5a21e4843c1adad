package org.flotilla.ssh;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One logged-in session to a host, carrying every step: exec channels and one SFTP channel
 * over the same connection.
 */
public final class Remote implements Closeable {
    private final ClientSession session;
    private final Duration commandTimeout;
    private final Set<String> knownDirs = new HashSet<>();
    private SftpClient sftp;

    public Remote(ClientSession session, Duration commandTimeout) {
        this.session = session;
        this.commandTimeout = commandTimeout;
    }

    /** Runs a command line with the login shell; captures stdout, stderr and the exit code. */
    public ExecResult exec(String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(commandTimeout);
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), commandTimeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("timed out after " + commandTimeout.toSeconds() + "s (ssh.command-timeout)");
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
                status = channel.getExitStatus();
            }
            if (status == null) {
                String signal = channel.getExitSignal();
                throw new IOException(signal != null ? "killed by signal " + signal : "ended without an exit status");
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
            return new ExecResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Writes bytes to a remote file with these permissions, creating parent directories. */
    public void upload(byte[] content, String dest, int mode) throws IOException {
        upload(List.of(new Upload(content, dest, mode)));
    }

    /**
     * Writes files with their permissions, creating parent directories, in two round trips for
     * all of them. A failure names the file ({@link UploadFailure#dest()}).
     */
    public void upload(List<Upload> files) throws IOException {
        if (files.isEmpty()) return;
        new PipelinedUploads(sftp(), commandTimeout).put(files, knownDirs);
    }

    /**
     * As {@link #upload(List)}, but a file whose open the server denies is returned (and not
     * written) instead of failing the rest: {@link StagedUploads} installs those through sudo.
     */
    public Set<String> uploadOrDenied(List<Upload> files) throws IOException {
        Set<String> denied = new HashSet<>();
        if (!files.isEmpty()) new PipelinedUploads(sftp(), commandTimeout).put(files, knownDirs, denied);
        return denied;
    }

    /** Copies a remote file to a local one. */
    public void download(String remote, Path local) throws IOException {
        Files.createDirectories(local.toAbsolutePath().getParent());
        try (InputStream in = sftp().read(remote); OutputStream out = Files.newOutputStream(local)) {
            in.transferTo(out);
        }
    }

    /** A remote regular file and its size. */
    public record RemoteFile(String path, long size) {
    }

    /** The file's size, or empty when there is no such file; a directory is an error. */
    public java.util.Optional<RemoteFile> file(String path) throws IOException {
        try {
            SftpClient.Attributes a = sftp().stat(path);
            if (a.isDirectory()) throw new IOException(path + " is a directory");
            return java.util.Optional.of(new RemoteFile(path, a.getSize()));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) return java.util.Optional.empty();
            throw e;
        }
    }

    /**
     * Whether the remote file has exactly these bytes: same size, then same SHA-256 of what SFTP
     * reads (no tool needed on the host). A missing file holds nothing.
     */
    public boolean holds(String path, byte[] content) throws IOException {
        var there = file(path);
        if (there.isEmpty() || there.get().size() != content.length) return false;
        try {
            java.security.MessageDigest theirs = java.security.MessageDigest.getInstance("SHA-256");
            read(path, 0, content.length, new java.security.DigestOutputStream(OutputStream.nullOutputStream(), theirs));
            return java.security.MessageDigest.isEqual(theirs.digest(), java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isDirectory(String path) throws IOException {
        try {
            return sftp().stat(path).isDirectory();
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) return false;
            throw e;
        }
    }

    /** The regular files in a directory, with {@code recursive} those below it too; paths as "dir/sub/name". */
    public java.util.List<RemoteFile> list(String dir, boolean recursive) throws IOException {
        java.util.List<RemoteFile> out = new java.util.ArrayList<>();
        String base = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        for (SftpClient.DirEntry e : sftp().readDir(base.isEmpty() ? "." : base)) {
            String name = e.getFilename();
            if (name.equals(".") || name.equals("..")) continue;
            String path = base.isEmpty() ? name : base + "/" + name;
            SftpClient.Attributes a = e.getAttributes();
            if (a.isDirectory()) {
                if (recursive) out.addAll(list(path, true));
            } else if (a.isRegularFile()) {
                out.add(new RemoteFile(path, a.getSize()));
            }
        }
        out.sort(java.util.Comparator.comparing(RemoteFile::path));
        return out;
    }

    /** One directory's regular files and subdirectories, paths as "dir/name". */
    public record Listing(List<RemoteFile> files, List<String> dirs) {
    }

    /** One directory, not below it: a caller walking a tree decides what a directory it cannot open costs. */
    public Listing listing(String dir) throws IOException {
        List<RemoteFile> files = new java.util.ArrayList<>();
        List<String> dirs = new java.util.ArrayList<>();
        String base = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        try {
            for (SftpClient.DirEntry e : sftp().readDir(base.isEmpty() ? "." : base)) {
                String name = e.getFilename();
                if (name.equals(".") || name.equals("..")) continue;
                String path = base.isEmpty() ? name : base + "/" + name;
                if (e.getAttributes().isDirectory()) dirs.add(path);
                else if (e.getAttributes().isRegularFile()) files.add(new RemoteFile(path, e.getAttributes().getSize()));
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // the directory iterator wraps what opening the directory threw
        }
        files.sort(java.util.Comparator.comparing(RemoteFile::path));
        dirs.sort(null);
        return new Listing(files, dirs);
    }

    /** Copies bytes [from, to) of a remote file to {@code sink}. */
    public void read(String path, long from, long to, OutputStream sink) throws IOException {
        SftpClient s = sftp();
        try (SftpClient.CloseableHandle h = s.open(path, SftpClient.OpenMode.Read)) {
            byte[] buf = new byte[64 * 1024];
            long at = from;
            while (at < to) {
                int n = s.read(h, at, buf, 0, (int) Math.min(buf.length, to - at));
                if (n < 0) throw new IOException(path + " ended at byte " + at + ", expected " + to);
                sink.write(buf, 0, n);
                at += n;
            }
        }
    }

    private SftpClient sftp() throws IOException {
        // Version 3: what OpenSSH speaks, and what PipelinedUploads writes.
        if (sftp == null) sftp = SftpClientFactory.instance().createSftpClient(session, SftpVersionSelector.fixedVersionSelector(SftpConstants.SFTP_V3));
        return sftp;
    }

    public ClientSession session() {
        return session;
    }

    /** Closes this work's SFTP channel; the session stays with whoever holds it ({@link HeldSessions}). */
    @Override
    public void close() {
        try {
            if (sftp != null) sftp.close();
        } catch (IOException ignored) {
            // a channel that would not close dies with its session
        }
    }
}
