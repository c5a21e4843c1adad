package org.flotilla.output;

/** Sizes as people read them. */
public final class Bytes {
    private Bytes() {
    }

    public static String human(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (bytes >= 1000 && u < units.length - 1) {
            bytes /= 1000;
            u++;
        }
        return u == 0 ? String.format("%.0f %s", bytes, units[u]) : String.format("%.1f %s", bytes, units[u]);
    }
}
