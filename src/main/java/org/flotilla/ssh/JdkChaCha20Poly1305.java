package org.flotilla.ssh;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.mac.Poly1305Mac;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenSSH's chacha20-poly1305@openssh.com (PROTOCOL.chacha20poly1305) with the JDK's ChaCha20
 * for the keystream and MINA's Poly1305 for the tag: MINA's own ChaCha20 is plain Java and, under
 * the launcher's C1-only JIT, the larger part of the controller's CPU when pushing files. The
 * bytes on the wire are MINA's (and OpenSSH's) to the bit.
 *
 * <p>The DJB ChaCha20 of the protocol (64-bit counter, 64-bit nonce) is the JDK's RFC 7539 one
 * (32-bit counter, 96-bit nonce) with the nonce 0000||seqnr: the counter's high half is always
 * 0 here, a packet being far shorter than 2^32 blocks.
 */
public final class JdkChaCha20Poly1305 implements Cipher {
    /** Its name on the wire, the one MINA's builtin has: servers see no difference. */
    public static final String NAME = BuiltinCiphers.Constants.CC20P1305_OPENSSH;

    private static final byte[] ZEROS = new byte[64];

    private final javax.crypto.Cipher header = chaCha20();
    private final javax.crypto.Cipher body = chaCha20();
    private final Mac mac = new Poly1305Mac();
    private final byte[] nonce = new byte[12];
    private final byte[] polyBlock = new byte[64];
    private final byte[] tag = new byte[16];
    private SecretKeySpec headerKey;
    private SecretKeySpec bodyKey;
    private Mode mode;
    private long firstSeqnr;
    /** The packet's sequence number, the nonce of both keys. */
    private long seqnr;

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) throws Exception {
        this.mode = mode;
        // K_2, the first half, encrypts the payload; K_1, the second, the length
        bodyKey = new SecretKeySpec(Arrays.copyOfRange(key, 0, 32), "ChaCha20");
        headerKey = new SecretKeySpec(Arrays.copyOfRange(key, 32, 64), "ChaCha20");
        // MINA hands a ChaCha cipher the packet sequence number as its IV (8 bytes, big-endian)
        firstSeqnr = seqnr = bigEndianLong(iv);
        startPacket();
    }

    private void startPacket() throws Exception {
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (seqnr >>> (56 - 8 * i));
        ChaCha20ParameterSpec atBlock0 = new ChaCha20ParameterSpec(nonce, 0);
        // One mode for both directions: the keystream is only XORed either way. DECRYPT_MODE, as
        // Java 25 skips in it the refusal of a key and nonce repeated from the previous init (17
        // makes it in both); each init here has a nonce of its own, the next sequence number.
        header.init(javax.crypto.Cipher.DECRYPT_MODE, headerKey, atBlock0);
        body.init(javax.crypto.Cipher.DECRYPT_MODE, bodyKey, atBlock0);
        // block 0 of K_2 keys Poly1305; the payload then starts at block 1, as OpenSSH's does
        body.update(ZEROS, 0, 64, polyBlock, 0);
        mac.init(Arrays.copyOf(polyBlock, 32));
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) throws Exception {
        if (mode == null) throw new IllegalStateException("Cipher not initialized");
        if (length != 4) throw new IllegalArgumentException("AAD only supported for encrypted packet length");
        // the tag covers the encrypted length: before decrypting it, after encrypting it
        if (mode == Mode.Decrypt) mac.update(data, offset, length);
        header.update(data, offset, length, data, offset);
        if (mode == Mode.Encrypt) mac.update(data, offset, length);
    }

    @Override
    public void update(byte[] input, int offset, int length) throws Exception {
        if (mode == null) throw new IllegalStateException("Cipher not initialized");
        if (mode == Mode.Decrypt) {
            mac.update(input, offset, length);
            mac.doFinal(tag, 0);
            if (!Mac.equals(input, offset + length, tag, 0, tag.length)) throw new AEADBadTagException("Tag mismatch");
        }
        body.update(input, offset, length, input, offset);
        if (mode == Mode.Encrypt) {
            mac.update(input, offset, length);
            mac.doFinal(input, offset + length);
        }
        // SSH's sequence number is 32 bits and wraps to 0 (RFC 4253 6.4), in the nonce too
        seqnr = (seqnr + 1) & 0xFFFF_FFFFL;
        // a nonce used twice under one key would give the keystream away; MINA's refuses it too
        if (seqnr == firstSeqnr) throw new IllegalStateException("Packet sequence number cannot be reused with the same key");
        startPacket();
    }

    private static long bigEndianLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[i] & 0xff);
        return v;
    }

    private static javax.crypto.Cipher chaCha20() {
        try {
            return javax.crypto.Cipher.getInstance("ChaCha20");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no ChaCha20 (Java 11 and later do)", e);
        }
    }

    /**
     * The factory list with MINA's chacha20-poly1305@openssh.com replaced by this one, in its
     * place: the order of preference the client offers stays MINA's.
     */
    public static List<NamedFactory<Cipher>> inPlaceOfMinas(List<NamedFactory<Cipher>> factories) {
        List<NamedFactory<Cipher>> out = new ArrayList<>(factories);
        out.replaceAll(f -> NAME.equals(f.getName()) ? FACTORY : f);
        return out;
    }

    public static final NamedFactory<Cipher> FACTORY = new NamedFactory<>() {
        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public Cipher create() {
            return new JdkChaCha20Poly1305();
        }
    };

    // What MINA reads to size keys and packets: the same figures as its own ChaCha20Cipher.
    // The algorithm must start with "ChaCha": that is how MINA knows to pass the sequence number as IV.

    @Override
    public String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    public String getTransformation() {
        return "ChaCha20";
    }

    @Override
    public int getIVSize() {
        return 8;
    }

    @Override
    public int getAuthenticationTagSize() {
        return 16;
    }

    @Override
    public int getCipherBlockSize() {
        return 8;
    }

    @Override
    public int getKdfSize() {
        return 64;
    }

    @Override
    public int getKeySize() {
        return 256;
    }
}
