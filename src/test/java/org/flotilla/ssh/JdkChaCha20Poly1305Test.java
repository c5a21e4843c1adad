package org.flotilla.ssh;

import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK-backed chacha20-poly1305@openssh.com against MINA's own, the reference: the same key
 * and sequence numbers must give the same bytes and tags, packet after packet, or an OpenSSH
 * server would drop the connection.
 */
class JdkChaCha20Poly1305Test {
    private static final int[] LENGTHS = {8, 60, 64, 100, 1024, 32_768 + 40, 3};

    @Test
    void encryptsEachPacketAsMinasDoesAcrossSequenceNumbers() throws Exception {
        // from 0, and across the wrap of SSH's 32-bit sequence number back to 0
        for (long first : new long[] {0, 7, 0xFFFF_FFFDL, 0xFFFF_FFFFL}) {
            Random random = new Random(first);
            byte[] key = bytes(random, 64);
            Cipher ours = init(new JdkChaCha20Poly1305(), Cipher.Mode.Encrypt, key, first);
            Cipher minas = init(minas(), Cipher.Mode.Encrypt, key, first);
            for (int length : LENGTHS) {
                byte[] packet = packet(random, length);
                byte[] a = packet.clone();
                byte[] b = packet.clone();
                ours.updateWithAAD(a, 0, 4, length);
                minas.updateWithAAD(b, 0, 4, length);
                assertThat(a).as("packet of %d bytes from seqnr %d", length, first).isEqualTo(b);
                assertThat(Arrays.equals(a, 0, 4 + length, packet, 0, 4 + length)).as("encrypted at all").isFalse();
            }
        }
    }

    @Test
    void decryptsWhatMinasEncryptsAndMinasDecryptsWhatItEncrypts() throws Exception {
        Random random = new Random(18);
        byte[] key = bytes(random, 64);
        long first = 41;
        Cipher minasOut = init(minas(), Cipher.Mode.Encrypt, key, first);
        Cipher oursIn = init(new JdkChaCha20Poly1305(), Cipher.Mode.Decrypt, key, first);
        Cipher oursOut = init(new JdkChaCha20Poly1305(), Cipher.Mode.Encrypt, key, first);
        Cipher minasIn = init(minas(), Cipher.Mode.Decrypt, key, first);
        for (int length : LENGTHS) {
            byte[] packet = packet(random, length);
            assertThat(roundTrip(minasOut, oursIn, packet)).startsWith(Arrays.copyOf(packet, 4 + length));
            assertThat(roundTrip(oursOut, minasIn, packet)).startsWith(Arrays.copyOf(packet, 4 + length));
        }
    }

    @Test
    void refusesAPacketWhoseTagDoesNotMatch() throws Exception {
        Random random = new Random(1);
        byte[] key = bytes(random, 64);
        Cipher out = init(minas(), Cipher.Mode.Encrypt, key, 5);
        Cipher in = init(new JdkChaCha20Poly1305(), Cipher.Mode.Decrypt, key, 5);
        byte[] packet = packet(random, 256);
        out.updateWithAAD(packet, 0, 4, 256);
        packet[100] ^= 1;
        in.updateAAD(packet, 0, 4);
        assertThatThrownBy(() -> in.update(packet, 4, 256)).isInstanceOf(AEADBadTagException.class);
    }

    private static byte[] roundTrip(Cipher out, Cipher in, byte[] packet) throws Exception {
        int length = packet.length - 4 - 16;
        byte[] wire = packet.clone();
        out.updateWithAAD(wire, 0, 4, length);
        // a reader decrypts the length first, to know how much to wait for, then the rest
        in.updateAAD(wire, 0, 4);
        in.update(wire, 4, length);
        return wire;
    }

    /** What MINA's client would negotiate for the name without Flotilla's replacement. */
    private static Cipher minas() {
        return BuiltinCiphers.cc20p1305_openssh.create();
    }

    private static Cipher init(Cipher c, Cipher.Mode mode, byte[] key, long seqnr) throws Exception {
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) iv[i] = (byte) (seqnr >>> (56 - 8 * i));
        c.init(mode, key.clone(), iv);
        return c;
    }

    /** A length field, a payload of {@code length} bytes and room for the tag; the tag's room is zeros. */
    private static byte[] packet(Random random, int length) {
        byte[] p = new byte[4 + length + 16];
        p[0] = (byte) (length >>> 24);
        p[1] = (byte) (length >>> 16);
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        byte[] payload = bytes(random, length);
        System.arraycopy(payload, 0, p, 4, length);
        return p;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
