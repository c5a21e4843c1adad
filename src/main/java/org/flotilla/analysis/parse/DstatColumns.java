package org.flotilla.analysis.parse;

import java.util.List;
import java.util.Locale;

/**
 * Where dstat put the columns we use, found by group and column name: the time ("system"/"time",
 * or "epoch"), the total CPU group (usr, sys, idl, wai) and the total network group (recv, send).
 * Groups are "total cpu usage" in dstat, "total usage" in pcp-dstat; a per-CPU group is used
 * only when there is no total one.
 */
record DstatColumns(int time, int usr, int sys, int idl, int wai, int recv, int send) {
    static DstatColumns of(List<String> groups, List<String> columns) {
        int time = -1;
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i).trim().toLowerCase(Locale.ROOT);
            if (c.equals("time") || c.equals("epoch") || c.equals("date/time")) {
                time = i;
                break;
            }
        }
        String cpu = best(groups, columns, "idl", g -> g.contains("total") ? 2 : g.contains("cpu") || g.contains("usage") ? 1 : 0);
        String net = best(groups, columns, "recv", g -> g.startsWith("net") ? (g.contains("total") ? 2 : 1) : 0);
        return new DstatColumns(time, find(groups, columns, cpu, "usr"), find(groups, columns, cpu, "sys"),
                find(groups, columns, cpu, "idl"), find(groups, columns, cpu, "wai"),
                find(groups, columns, net, "recv"), find(groups, columns, net, "send"));
    }

    boolean usable() {
        return time >= 0 && (idl >= 0 || recv >= 0);
    }

    private static String best(List<String> groups, List<String> columns, String column, java.util.function.ToIntFunction<String> score) {
        String best = null;
        int bestScore = 0;
        for (int i = 0; i < columns.size() && i < groups.size(); i++) {
            if (!columns.get(i).trim().equalsIgnoreCase(column)) continue;
            String g = groups.get(i).toLowerCase(Locale.ROOT);
            int s = score.applyAsInt(g);
            if (s > bestScore) {
                best = groups.get(i);
                bestScore = s;
            }
        }
        return best;
    }

    private static int find(List<String> groups, List<String> columns, String group, String column) {
        if (group == null) return -1;
        for (int i = 0; i < columns.size() && i < groups.size(); i++) {
            if (groups.get(i).equals(group) && columns.get(i).trim().equalsIgnoreCase(column)) return i;
        }
        return -1;
    }
}
