package org.flotilla.bench;

import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.flotilla.ssh.JdkChaCha20Poly1305;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * MB/s of SSH packet encryption and decryption (32 KiB payloads, the size of a channel's data
 * packets when pushing files) for MINA's chacha20-poly1305@openssh.com, Flotilla's JDK-backed one,
 * and AES-GCM for scale; under C1 only (the launcher's -XX:TieredStopAtLevel=1) and tiered, each
 * in a JVM of its own, in one run. Rounds alternate the ciphers so a machine that gets busier
 * slows all of them; the best round is printed (the least disturbed), with the median beside it.
 *
 * Usage: bench/cipher.sh [MiB per round, default 64] [rounds, default 7]
 */
public final class CipherBench {
    private static final int PAYLOAD = 32 * 1024;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--in-this-jvm")) {
            measure(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        String mib = args.length > 0 ? args[0] : "64";
        String rounds = args.length > 1 ? args[1] : "7";
        String java = ProcessHandle.current().info().command().orElse("java");
        for (List<String> jit : List.of(List.of("-XX:TieredStopAtLevel=1"), List.<String>of())) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(jit);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CipherBench.class.getName(), "--in-this-jvm", mib, rounds));
            System.out.println("# " + (jit.isEmpty() ? "tiered (C1+C2)" : "C1 only " + jit.get(0)) + ", " + mib + " MiB per round, " + rounds + " rounds");
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            try {
                if (p.waitFor() != 0) throw new IllegalStateException("the measuring JVM exited " + p.exitValue());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private record Contender(String name, Supplier<Cipher> cipher, int keyBytes, int ivBytes) {
    }

    private static void measure(int mib, int rounds) throws Exception {
        List<Contender> contenders = List.of(
                new Contender("mina chacha20-poly1305", BuiltinCiphers.cc20p1305_openssh::create, 64, 8),
                new Contender("jdk  chacha20-poly1305", JdkChaCha20Poly1305.FACTORY::create, 64, 8),
                new Contender("aes128-gcm (jdk)", BuiltinCiphers.aes128gcm::create, 16, 12));
        long packets = (long) mib * 1024 * 1024 / PAYLOAD;
        double[][] enc = new double[contenders.size()][rounds];
        double[][] dec = new double[contenders.size()][rounds];
        byte[] packet = new byte[4 + PAYLOAD + 16];
        new Random(18).nextBytes(packet);
        // round 0 warms each up (its JIT), and is not counted
        for (int r = -1; r < rounds; r++) {
            for (int c = 0; c < contenders.size(); c++) {
                Contender k = contenders.get(c);
                double[] mbs = run(k, packets, packet);
                if (r >= 0) {
                    enc[c][r] = mbs[0];
                    dec[c][r] = mbs[1];
                }
            }
        }
        for (int c = 0; c < contenders.size(); c++) {
            System.out.printf("%-24s encrypt %7.1f MB/s (median %7.1f)   decrypt %7.1f MB/s (median %7.1f)%n",
                    contenders.get(c).name(), best(enc[c]), median(enc[c]), best(dec[c]), median(dec[c]));
        }
    }

    /** Encrypts {@code packets} packets, then decrypts them as a reader does; MB/s of payload for each. */
    private static double[] run(Contender k, long packets, byte[] template) throws Exception {
        byte[] key = new byte[k.keyBytes()];
        byte[] iv = new byte[k.ivBytes()];
        new Random(1).nextBytes(key);
        Cipher out = k.cipher().get();
        Cipher in = k.cipher().get();
        out.init(Cipher.Mode.Encrypt, key, iv);
        in.init(Cipher.Mode.Decrypt, key, iv);
        byte[][] wire = new byte[16][];
        for (int i = 0; i < wire.length; i++) wire[i] = template.clone();
        long encNanos = 0;
        long decNanos = 0;
        long done = 0;
        for (; done < packets; done += wire.length) {
            long t0 = System.nanoTime();
            for (byte[] w : wire) out.updateWithAAD(w, 0, 4, PAYLOAD);
            long t1 = System.nanoTime();
            for (byte[] w : wire) {
                in.updateAAD(w, 0, 4);
                in.update(w, 4, PAYLOAD);
            }
            long t2 = System.nanoTime();
            encNanos += t1 - t0;
            decNanos += t2 - t1;
        }
        double bytes = (double) done * PAYLOAD;
        return new double[] {bytes / encNanos * 1e3, bytes / decNanos * 1e3};
    }

    private static double best(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
