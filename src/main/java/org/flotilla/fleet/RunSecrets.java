package org.flotilla.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passwords a run generates for itself (`secrets` in config): one file each under
 * runs/<run-id>/secrets/, readable by its owner only. Created once, with the run; read by
 * every later command that renders templates.
 */
public final class RunSecrets {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 24;
    private final Path dir;

    public RunSecrets(Run run) {
        this.dir = run.dir().resolve("secrets");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Creates the secrets that do not exist yet; returns those it created, by name (to be shown once). */
    public Map<String, String> create(List<String> names) {
        Map<String, String> created = new LinkedHashMap<>();
        if (names.isEmpty()) return created;
        try {
            if (!Files.isDirectory(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String name : names) {
                String password = generate();
                try {
                    // Created with its mode, so the password is never readable by others, not even briefly.
                    Files.createFile(file(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException kept) {
                    continue;
                }
                SecretMask.add(password);
                Files.writeString(file(name), password + "\n");
                created.put(name, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's secrets in " + dir, e);
        }
        return created;
    }

    /**
     * Masks every secret the run holds in whatever this process writes from now on: for commands
     * that only read a run's output (a host can echo a secret a template gave it).
     */
    public void mask() {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) SecretMask.add(Files.readString(f).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's secrets in " + dir, e);
        }
    }

    /**
     * What templates see as `secrets`: name -> {password, htpasswd}. Missing ones are created (a
     * run started before its config named them).
     */
    public Map<String, Object> model(List<String> names) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (String name : names) {
            String password = password(name);
            model.put(name, entry(password, htpasswd(password, name)));
        }
        return model;
    }

    /** The password of this name, created when missing; masked in whatever this process writes from now on. */
    public String password(String name) {
        create(List.of(name));
        String password;
        try {
            password = Files.readString(file(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's secret " + file(name), e);
        }
        SecretMask.add(password);
        return password;
    }

    /** `secrets` as {@link #model} shapes it, with made-up values: for checking templates before any run exists. */
    public static Map<String, Object> sampleModel(List<String> names) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (String name : names) model.put(name, entry("sample", "{SSHA}sample"));
        return model;
    }

    private static Map<String, Object> entry(String password, String htpasswd) {
        return Map.of("password", password, "htpasswd", htpasswd);
    }

    /**
     * The password as an {SSHA} hash, which nginx's and Apache's basic auth read. The salt comes from
     * the run id and the name, so every render of a run gives the same bytes (push sees no change);
     * the password is random, so a salt that is not secret gives a guesser nothing.
     */
    String htpasswd(String password, String name) {
        try {
            byte[] salt = Arrays.copyOf(MessageDigest.getInstance("SHA-256")
                    .digest((dir.getParent().getFileName() + "/" + name).getBytes(StandardCharsets.UTF_8)), 8);
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            sha1.update(salt);
            byte[] digest = sha1.digest();
            byte[] both = Arrays.copyOf(digest, digest.length + salt.length);
            System.arraycopy(salt, 0, both, digest.length, salt.length);
            return "{SSHA}" + Base64.getEncoder().encodeToString(both);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }
}
