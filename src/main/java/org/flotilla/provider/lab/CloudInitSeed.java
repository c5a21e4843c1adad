package org.flotilla.provider.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab host boots as a cloud host does: cloud-init reads a NoCloud seed (meta-data, user-data)
 * that the lab writes for the host, creates the login, authorizes the run's key, installs the
 * host key Flotilla made (so Flotilla pins it before the host answers) and points apt at the
 * lab's package proxy; then sshd starts. Any container of the lab boots this way.
 */
final class CloudInitSeed {
    /** Where the image's cloud-init looks for a NoCloud seed: the host's seed directory is mounted there, read-only. */
    static final String MOUNT = "/var/lib/cloud/seed/nocloud";
    static final String USER_DATA = "user-data";

    /**
     * The image's cloud.cfg.d: NoCloud only (no network probing of other clouds), no network
     * config (the lab wires eth0), a locale that exists (else the locale module fails), no host
     * keys made at boot (RSA alone costs a second of CPU; Flotilla gives the ed25519 key), the
     * login `admin` as on Debian's cloud images, and only the modules a lab host uses: each one
     * of the full lists costs time on every host. The hostname is podman's (--hostname).
     */
    static final String IMAGE_CONFIG = """
            # Written by Flotilla's lab image recipe.
            datasource_list: [NoCloud, None]
            network: {config: disabled}
            locale: C.UTF-8
            preserve_hostname: true
            ssh_genkeytypes: []
            system_info:
              default_user: {name: %s, lock_passwd: true, gecos: Flotilla lab, shell: /bin/bash, sudo: ["ALL=(ALL) NOPASSWD:ALL"]}
            cloud_init_modules: [write-files, users-groups, ssh]
            cloud_config_modules: [locale, apt-configure, runcmd]
            cloud_final_modules: [scripts-per-once, scripts-per-boot, scripts-per-instance, scripts-user, final-message]
            """.formatted(LabImage.USER);

    /**
     * The container's command: cloud-init's four boot stages, then sshd whatever they said (a
     * cloud host's sshd starts too; /run/cloud-init/result.json tells). The stages run in one Python
     * process: each `cloud-init` command alone spends ~0.5 s of CPU importing cloud-init. What they
     * print goes to the container's log, which is the host's console (a container has no
     * /dev/console, so cloud-init writes its console lines, keys-to-console's among them, to stdout).
     */
    static final String ENTRY_POINT = "install -d -m 755 /run/sshd"
            + "; python3 -c 'from cloudinit.cmd import main"
            + "\nfor stage in (\"init --local\", \"init\", \"modules --mode=config\", \"modules --mode=final\"): main.main([\"cloud-init\"] + stage.split())'"
            + " </dev/null 2>&1"
            + "; exec /usr/sbin/sshd -D -e";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudInitSeed() {
    }

    /**
     * Writes meta-data and user-data into the seed directory (JSON, which YAML reads: no quoting by hand).
     *
     * @param hostKey  the host's private key file (OpenSSH format), its public half beside it (.pub)
     * @param aptProxy the URL of the lab's package proxy; null: apt is left alone
     */
    static void write(Path dir, String hostname, PublicKey authorized, Path hostKey, String aptProxy) {
        try {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("ssh_authorized_keys", List.of(PublicKeyEntry.toString(authorized)));
            user.put("ssh_keys", Map.of("ed25519_private", Files.readString(hostKey),
                    "ed25519_public", Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")).trim()));
            if (aptProxy != null) user.put("apt", Map.of("preserve_sources_list", true, "proxy", aptProxy));
            write(dir, hostname, hostname, cloudConfig(user).getBytes(StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cloud-init seed of lab host " + hostname + " under " + dir, e);
        }
    }

    /**
     * Writes a seed as a cloud gives one: meta-data naming the instance, the user-data as it was
     * given (its user's, byte for byte), and the cloud's own vendor-data (none when empty), which
     * cloud-init merges under the user-data.
     */
    static void write(Path dir, String instanceId, String hostname, byte[] userData, String vendorData) {
        try {
            Map<String, Object> meta = Map.of("instance-id", instanceId, "local-hostname", hostname);
            Files.writeString(dir.resolve("meta-data"), JSON.writeValueAsString(meta) + "\n");
            Path file = dir.resolve(USER_DATA);
            Files.deleteIfExists(file);
            // it may hold secrets (the lab's own holds the host's private key)
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, userData);
            Path vendor = dir.resolve("vendor-data");
            if (vendorData.isEmpty()) Files.deleteIfExists(vendor);
            else Files.writeString(vendor, vendorData);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cloud-init seed of " + instanceId + " under " + dir, e);
        }
    }

    /** A #cloud-config document of these keys. */
    static String cloudConfig(Map<String, Object> config) throws IOException {
        return "#cloud-config\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n";
    }
}
