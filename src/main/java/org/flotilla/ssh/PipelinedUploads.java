package org.flotilla.ssh;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts several files on a host in two round trips of SFTP (version 3) instead of a dozen each:
 * every missing parent directory and every file are created in one flight (the server handles
 * requests in order, so a file's directories exist when its open arrives); then every file's
 * permissions, content and close go in a second. On a fleet that keeps sshd busy, each round
 * trip waits for a server process to be scheduled, so their number is what a host's configure
 * time is made of.
 */
final class PipelinedUploads {
    // Well under what OpenSSH (256 KiB) and MINA accept for one SFTP message.
    private static final int CHUNK = 64 * 1024;

    private final RawSftpClient sftp;
    private final Duration timeout;

    PipelinedUploads(SftpClient sftp, Duration timeout) {
        // MINA's client is a raw one too: requests can be sent without waiting for their replies.
        this.sftp = (RawSftpClient) sftp;
        this.timeout = timeout;
    }

    /** Directories created (or found) along the way are added to {@code knownDirs}. */
    void put(List<Upload> files, Set<String> knownDirs) throws IOException {
        put(files, knownDirs, null);
    }

    /**
     * As {@link #put(List, Set)}; with {@code denied} given, a file the login may not write (its
     * open answers "permission denied") is added there instead of failing the upload, and the
     * other files are written all the same.
     */
    void put(List<Upload> files, Set<String> knownDirs, Set<String> denied) throws IOException {
        Set<String> dirs = new TreeSet<>((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
        for (Upload f : files) {
            for (String d = parent(f.dest()); d != null && !d.equals("/") && !d.equals(".") && !knownDirs.contains(d); d = parent(d)) {
                dirs.add(d);
            }
        }
        // Flight 1: mkdir each missing ancestor, shallowest first (one that exists just answers
        // "failure"), then open every file, born with its mode.
        Map<String, Integer> mkdirs = new LinkedHashMap<>();
        for (String d : dirs) {
            Buffer b = new ByteArrayBuffer(d.length() + 16, false);
            b.putString(d, StandardCharsets.UTF_8);
            b.putInt(0); // no attributes
            mkdirs.put(d, sftp.send(SftpConstants.SSH_FXP_MKDIR, b));
        }
        List<Integer> opens = new ArrayList<>();
        for (Upload f : files) {
            Buffer b = new ByteArrayBuffer(f.dest().length() + 32, false);
            b.putString(f.dest(), StandardCharsets.UTF_8);
            b.putInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC);
            b.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
            b.putInt(f.mode());
            opens.add(sftp.send(SftpConstants.SSH_FXP_OPEN, b));
        }
        Map<String, String> mkdirTrouble = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> m : mkdirs.entrySet()) {
            Reply r = receive(m.getValue());
            if (r.status() != SftpConstants.SSH_FX_OK && r.status() != SftpConstants.SSH_FX_FAILURE
                    && r.status() != SftpConstants.SSH_FX_FILE_ALREADY_EXISTS) {
                mkdirTrouble.put(m.getKey(), r.message());
            }
        }
        List<byte[]> handles = new ArrayList<>();
        IOException failure = null;
        for (int i = 0; i < files.size(); i++) {
            Reply r = receive(opens.get(i));
            handles.add(r.handle());
            if (r.handle() == null && denied != null && r.status() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                denied.add(files.get(i).dest());
            } else if (r.handle() == null && failure == null) {
                String dest = files.get(i).dest();
                String why = mkdirTrouble.entrySet().stream().filter(e -> dest.startsWith(e.getKey() + "/"))
                        .map(e -> "; mkdir " + e.getKey() + ": " + e.getValue()).findFirst().orElse("");
                failure = new UploadFailure(dest, "cannot create " + dest + ": " + r.message() + why);
            }
        }
        // Flight 2: permissions before content (a file that existed keeps its old mode until
        // told, and a secret must never be readable by others, not even briefly), content, close.
        List<Integer> acks = new ArrayList<>();
        List<String> ackFor = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] h = handles.get(i);
            if (h == null) continue;
            Upload f = files.get(i);
            if (failure == null) {
                Buffer attrs = new ByteArrayBuffer(h.length + 16, false);
                attrs.putBytes(h);
                attrs.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
                attrs.putInt(f.mode());
                acks.add(sftp.send(SftpConstants.SSH_FXP_FSETSTAT, attrs));
                ackFor.add(f.dest());
                for (int off = 0; off < f.content().length; off += CHUNK) {
                    int n = Math.min(CHUNK, f.content().length - off);
                    Buffer w = new ByteArrayBuffer(h.length + n + 32, false);
                    w.putBytes(h);
                    w.putLong(off);
                    w.putBytes(f.content(), off, n);
                    acks.add(sftp.send(SftpConstants.SSH_FXP_WRITE, w));
                    ackFor.add(f.dest());
                }
            }
            Buffer c = new ByteArrayBuffer(h.length + 16, false);
            c.putBytes(h);
            acks.add(sftp.send(SftpConstants.SSH_FXP_CLOSE, c));
            ackFor.add(f.dest());
        }
        for (int i = 0; i < acks.size(); i++) {
            Reply r = receive(acks.get(i));
            if (r.status() != SftpConstants.SSH_FX_OK && failure == null) {
                failure = new UploadFailure(ackFor.get(i), "writing " + ackFor.get(i) + " failed: " + r.message());
            }
        }
        if (failure != null) throw failure;
        knownDirs.addAll(dirs);
    }

    /** A reply: a handle, or a status code with its message. */
    private record Reply(byte[] handle, int status, String message) {
    }

    private Reply receive(int id) throws IOException {
        Buffer b = sftp.receive(id, timeout);
        b.getInt(); // length
        int type = b.getUByte();
        b.getInt(); // id
        if (type == SftpConstants.SSH_FXP_HANDLE) return new Reply(b.getBytes(), SftpConstants.SSH_FX_OK, "");
        if (type == SftpConstants.SSH_FXP_STATUS) {
            int status = b.getInt();
            String message = b.available() > 0 ? b.getString() : "";
            return new Reply(null, status, message.isEmpty() ? SftpConstants.getStatusName(status) : message);
        }
        throw new IOException("unexpected SFTP reply " + SftpConstants.getCommandMessageName(type));
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) return null;
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** The bytes of every file, for progress and logs. */
    static long size(Collection<Upload> files) {
        return files.stream().mapToLong(f -> f.content().length).sum();
    }
}
