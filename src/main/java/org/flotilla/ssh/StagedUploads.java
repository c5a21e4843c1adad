package org.flotilla.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files a login cannot write itself: their dest lies outside its home (/etc/...), the existing
 * file is not its own, or they are to be owned by someone else. They go up (in the same two SFTP
 * flights as the rest) to a private staging directory under the login's home, mode 0600, and
 * one exec installs them all with their mode (and owner) through sudo, then removes the staged
 * copies. Every other file goes straight to its dest as before.
 */
public final class StagedUploads {
    static final String STAGING = ".flotilla/staging";
    private static final AtomicLong SEQ = new AtomicLong();

    private final Remote remote;
    private final String home;
    private final Become become;

    /**
     * @param home   the login's home (what `pwd` says at login), which relative dests are under
     * @param become how the install runs, or null when the login itself may (root)
     */
    public StagedUploads(Remote remote, String home, Become become) {
        this.remote = remote;
        this.home = home.endsWith("/") && home.length() > 1 ? home.substring(0, home.length() - 1) : home;
        this.become = become;
    }

    /** Puts the files on the host; returns the dests that were installed through staging. */
    public List<String> put(List<Upload> files) throws IOException {
        List<Upload> direct = new ArrayList<>();
        List<Upload> staged = new ArrayList<>();
        for (Upload f : files) (mustStage(f) ? staged : direct).add(f);
        Map<Upload, String> copies = new LinkedHashMap<>();
        String batch = STAGING + "/" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        List<Upload> flight = new ArrayList<>(direct);
        for (Upload f : staged) flight.add(copy(f, batch, copies));
        Set<String> denied = become == null ? Set.of() : remote.uploadOrDenied(flight);
        if (become == null) remote.upload(flight);
        if (!denied.isEmpty()) {
            // files under the home the login may not overwrite: staged too, in a second pass
            List<Upload> again = new ArrayList<>();
            for (Upload f : direct) {
                if (!denied.contains(f.dest())) continue;
                staged.add(f);
                again.add(copy(f, batch, copies));
            }
            remote.upload(again);
        }
        if (copies.isEmpty()) return List.of();
        install(copies, batch);
        return copies.keySet().stream().map(Upload::dest).toList();
    }

    private Upload copy(Upload f, String batch, Map<Upload, String> copies) {
        String staged = batch + "/" + copies.size();
        copies.put(f, staged);
        return new Upload(f.content(), staged, 0600);
    }

    private boolean mustStage(Upload f) {
        if (!f.owner().isEmpty()) return true;
        if (become == null) return false;
        return f.dest().startsWith("/") && !f.dest().startsWith(home + "/");
    }

    /** One exec: install every staged copy to its dest with its mode and owner, then remove the copies. */
    private void install(Map<Upload, String> copies, String batch) throws IOException {
        List<String> installs = new ArrayList<>();
        for (Map.Entry<Upload, String> e : copies.entrySet()) {
            Upload f = e.getKey();
            List<String> words = new ArrayList<>(List.of("install", "-D", "-m", String.format("%04o", f.mode())));
            if (!f.owner().isEmpty()) {
                String[] og = f.owner().split(":", 2);
                words.add("-o");
                words.add(og[0]);
                if (og.length > 1) {
                    words.add("-g");
                    words.add(og[1]);
                }
            }
            // to a name beside the dest, then renamed over it: a reader (cron) never sees half a file,
            // and two installs of the same file at once (hosts sharing a machine) do not collide
            String dest = absolute(f.dest());
            String beside = dest + ".flotilla-" + e.getValue().replaceAll("[^A-Za-z0-9]", "-");
            words.add("-T");
            words.add(absolute(e.getValue()));
            words.add(beside);
            installs.add(String.join(" ", words.stream().map(ShellWords::quote).toList()) + " && mv -f -T "
                    + ShellWords.quote(beside) + " " + ShellWords.quote(dest));
        }
        String script = String.join(" && ", installs);
        String command = (become == null ? script : become.wrap(script))
                + "; rc=$?; rm -rf -- " + ShellWords.quote(absolute(batch)) + "; exit $rc";
        ExecResult r = remote.exec(command);
        if (r.ok()) return;
        if (Become.wantsPassword(r.stderr())) throw new IOException("sudo needs a password to install " + copies.size() + " files");
        String first = copies.keySet().iterator().next().dest();
        throw new UploadFailure(first, "installing " + String.join(", ", copies.keySet().stream().map(Upload::dest).toList())
                + (become == null ? "" : " as " + become.user()) + " failed (exit " + r.exitCode() + "): " + r.lastWords());
    }

    private String absolute(String path) {
        return path.startsWith("/") ? path : home + "/" + path;
    }
}
