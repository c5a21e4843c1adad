package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan reads a line from a range of a larger buffer: whatever stands after the range
 * (the next line, stale bytes) must not change what it reads, and every number must be
 * the double Double.parseDouble makes of it.
 */
class IperfScanTest {
    private static final String[] PREFIXES = {"", "K", "M", "G", "T"};

    @Test
    void figuresAreTheDoublesOfTheirDigitsWhateverTheSpacingAndWhateverFollows() {
        SplittableRandom random = new SplittableRandom(11);
        IperfScan scan = new IperfScan();
        for (int n = 0; n < 20_000; n++) {
            String start = number(random);
            String end = number(random);
            String transfer = number(random);
            String rate = number(random);
            int bytesPower = random.nextInt(5);
            int bitsPower = random.nextInt(5);
            String line = "[" + gap(random, 0) + random.nextInt(1000) + gap(random, 0) + "]" + gap(random, 1) + start + gap(random, 0) + "-"
                    + gap(random, 0) + end + gap(random, 1) + "sec" + gap(random, 1) + transfer + gap(random, 1) + PREFIXES[bytesPower] + "Bytes"
                    + gap(random, 1) + rate + gap(random, 1) + PREFIXES[bitsPower] + "bits/sec" + (random.nextBoolean() ? "" : "  receiver");
            byte[] text = line.getBytes(StandardCharsets.US_ASCII);
            // the line at some offset of a larger buffer, followed by bytes that would extend a number or a gap
            int offset = random.nextInt(20);
            byte[] buffer = new byte[offset + text.length + random.nextInt(12)];
            Arrays.fill(buffer, (byte) (random.nextBoolean() ? '7' : random.nextBoolean() ? ' ' : '.'));
            System.arraycopy(text, 0, buffer, offset, text.length);
            assertThat(scan.parse(buffer, offset, offset + text.length)).as(line).isTrue();
            assertThat(scan.start).as(line).isEqualTo(Double.parseDouble(start));
            assertThat(scan.end).as(line).isEqualTo(Double.parseDouble(end));
            assertThat(scan.bytes).as(line).isEqualTo(Double.parseDouble(transfer) * Math.pow(1024, bytesPower));
            assertThat(scan.bitsPerSecond).as(line).isEqualTo(Double.parseDouble(rate) * Math.pow(1000, bitsPower));
        }
    }

    @Test
    void aLineCutShortIsReadAsItsBytesSayWhateverFollows() {
        String line = "[  3] 3599.0-3600.0 sec  10.03 MBytes  84.1 Mbits/sec";
        byte[] text = line.getBytes(StandardCharsets.US_ASCII);
        IperfScan scan = new IperfScan();
        for (int to = 0; to <= text.length; to++) {
            byte[] exact = Arrays.copyOf(text, to);
            boolean alone = scan.parse(exact, 0, to);
            double[] figures = {scan.start, scan.end, scan.bytes, scan.bitsPerSecond};
            // the same bytes with the rest of the line still in the buffer after them
            assertThat(scan.parse(text, 0, to)).as("cut at %d", to).isEqualTo(alone);
            if (alone) assertThat(new double[]{scan.start, scan.end, scan.bytes, scan.bitsPerSecond}).as("cut at %d", to).isEqualTo(figures);
        }
        assertThat(scan.parse(text, 0, text.length - "bits/sec".length() + 3)).isFalse();
        assertThat(scan.parse("[  3] 1.-2.0 sec  1 KBytes  8 Kbits/sec".getBytes(StandardCharsets.US_ASCII), 0, 39)).isTrue();
        assertThat(scan.start).isEqualTo(1.0);
    }

    /** Digits with or without a fraction, short and long; sometimes a leading point. */
    private static String number(SplittableRandom random) {
        String whole = Long.toString(random.nextLong((long) Math.pow(10, 1 + random.nextInt(9))));
        return switch (random.nextInt(4)) {
            case 0 -> whole;
            case 1 -> "." + (1 + random.nextInt(99));
            default -> whole + "." + String.format("%0" + (1 + random.nextInt(6)) + "d", random.nextInt(1000));
        };
    }

    private static String gap(SplittableRandom random, int least) {
        StringBuilder b = new StringBuilder();
        int n = least + random.nextInt(least == 0 ? 3 : 10);
        for (int i = 0; i < n; i++) b.append(random.nextInt(6) == 0 ? '\t' : ' ');
        return b.toString();
    }
}
