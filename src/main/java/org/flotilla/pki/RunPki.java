package org.flotilla.pki;

import org.flotilla.fleet.RunLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A run's PKI on disk, in runs/&lt;id&gt;/pki/: the authority ({@code ca.pem}, {@code ca.key}), the
 * tls-crypt key ({@code tls-crypt.key}) and one certificate per host ({@code <host>.pem},
 * {@code <host>.key}). Private keys are 0600 from the moment they exist. What is there is kept;
 * what is missing is made, so `up`, `configure` and `pki init` may all ask for it.
 */
public final class RunPki implements TemplatePki {
    private static final String SECRET = "rw-------";
    private static final String PUBLIC = "rw-r--r--";
    private static final String EKU_SERVER = "1.3.6.1.5.5.7.3.1";
    private static final String EKU_CLIENT = "1.3.6.1.5.5.7.3.2";

    private final Path dir;
    private final Authority authority;
    private final String tlsCrypt;
    private final List<Path> created = Collections.synchronizedList(new ArrayList<>()); // written by configurers' threads

    private RunPki(Path dir, Authority authority, String tlsCrypt, List<Path> created) {
        this.dir = dir;
        this.authority = authority;
        this.tlsCrypt = tlsCrypt;
        this.created.addAll(created);
    }

    /** The PKI of the run in runDir, with its authority and tls-crypt key made when missing. */
    public static RunPki open(Path runDir, String runId) {
        Path dir = runDir.resolve("pki");
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (RunLock held = lock(dir)) {
                return load(dir, runId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run's PKI in " + dir, e);
        }
    }

    private static RunPki load(Path dir, String runId) throws IOException {
        List<Path> made = new ArrayList<>();
        Path caCert = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        if (!Files.isRegularFile(caCert) || !Files.isRegularFile(caKey)) {
            Authority fresh = Authority.create(runId);
            write(caKey, fresh.keyPem(), SECRET, made);
            write(caCert, fresh.certificatePem(), PUBLIC, made);
        }
        Path tls = dir.resolve("tls-crypt.key");
        if (!Files.isRegularFile(tls)) write(tls, TlsCryptKey.generate(), SECRET, made);
        return new RunPki(dir, Authority.load(Files.readString(caCert), Files.readString(caKey)), Files.readString(tls), made);
    }

    public Path dir() {
        return dir;
    }

    /** The authority's certificate (PEM): what every host trusts. */
    @Override
    public String ca() {
        return authority.certificatePem();
    }

    /** OpenVPN's static key for tls-crypt (a secret shared by the server and its clients). */
    @Override
    public String tlsCrypt() {
        return tlsCrypt;
    }

    @Override
    public Path certificateFile(String hostId) {
        return dir.resolve(hostId + ".pem");
    }

    public Path keyFile(String hostId) {
        return dir.resolve(hostId + ".key");
    }

    /**
     * The host's certificate and key: the one on disk when it still fits (same use; a server's
     * names the host's current address), else a new one.
     */
    @Override
    public HostCredentials host(String hostId, CertificateUse use, String address) {
        if (!hostId.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("not a host name: " + hostId);
        Path cert = certificateFile(hostId);
        Path key = keyFile(hostId);
        return issueOrKeep(hostId, use, address, cert, key);
    }

    private HostCredentials issueOrKeep(String hostId, CertificateUse use, String address, Path cert, Path key) {
        try (RunLock held = lock(dir)) {
            if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                HostCredentials kept = new HostCredentials(Files.readString(cert), Files.readString(key));
                if (fits(kept.certificate(), use, address)) return kept;
            }
            HostCredentials fresh = authority.issue(hostId, use, address);
            write(key, fresh.privateKey(), SECRET, created);
            write(cert, fresh.certificate(), PUBLIC, created);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate of " + hostId + " in " + dir, e);
        }
    }

    /** Files this object made (not those it found), in the order made. */
    public List<Path> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    private static boolean fits(String pem, CertificateUse use, String address) {
        try {
            X509Certificate c = Authority.certificate(pem);
            List<String> eku = c.getExtendedKeyUsage();
            if (eku == null || !eku.contains(use == CertificateUse.SERVER ? EKU_SERVER : EKU_CLIENT)) return false;
            return use != CertificateUse.SERVER || address == null || address.isBlank() || names(c).contains(address);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // damaged or foreign: issue a new one
        }
    }

    private static List<String> names(X509Certificate c) throws CertificateParsingException {
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        List<String> out = new ArrayList<>();
        if (sans != null) for (List<?> san : sans) out.add(String.valueOf(san.get(1)));
        return out;
    }

    /** Serializes issuing with other processes (`pki init` beside a run's daemon). */
    /** pki/.lock, held by one thread of one process at a time: other commands and configurers wait. */
    private static RunLock lock(Path dir) {
        try {
            return RunLock.take(dir.resolve(".lock"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + dir.resolve(".lock"), e);
        }
    }

    /** Writes through a temporary file made with the final permissions, so a key is never briefly readable. */
    private static void write(Path file, String text, String perms, List<Path> made) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        made.add(file);
    }
}
