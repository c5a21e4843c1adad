package org.flotilla.analysis.parse;

/**
 * The unit prefixes the tools print. Bytes use powers of 1024 (iperf's "MBytes", dstat's "k"),
 * bits powers of 1000 (iperf's "Mbits/sec"), as the tools themselves compute them.
 */
public final class Units {
    private Units() {
    }

    public static double bytes(double value, String prefix) {
        return value * Math.pow(1024, power(prefix));
    }

    public static double bits(double value, String prefix) {
        return value * Math.pow(1000, power(prefix));
    }

    /** A plain finite number: "NaN", "Infinity" and Java's "1d" are not numbers in a log. */
    public static double number(String cell) {
        String s = cell.trim();
        if (s.isEmpty()) throw new NumberFormatException("empty cell");
        char last = s.charAt(s.length() - 1);
        if (!(Character.isDigit(last) || last == '.')) throw new NumberFormatException("not a number: " + s);
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) throw new NumberFormatException("not a number: " + s);
        return v;
    }

    /** A dstat text cell: "0", "42B", "2436k", "1.2M" (bytes, base 1024). */
    public static double dstatBytes(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.equals("-")) throw new NumberFormatException("empty cell");
        char last = s.charAt(s.length() - 1);
        if (Character.isDigit(last)) return number(s);
        double v = number(s.substring(0, s.length() - 1));
        return last == 'B' || last == 'b' ? v : bytes(v, String.valueOf(last));
    }

    private static int power(String prefix) {
        if (prefix == null || prefix.isEmpty()) return 0;
        return switch (Character.toUpperCase(prefix.charAt(0))) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            case 'P' -> 5;
            default -> throw new NumberFormatException("unknown unit prefix " + prefix);
        };
    }
}
