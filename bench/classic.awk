#!/usr/bin/awk -f
# The classic tool's tables, computed the classic way, for the benchmark to race and to check the
# analyzer against. Arguments: iperf-<pattern>-<host> client logs (iperf2 text) and dstat-<pattern>.csv
# files of one test folder; the test is the folder's name. Prints two ';' tables like the analyzer's
# classic-bandwidth.csv and classic-cpu.csv (bandwidth rows per host and an "all" row per pattern).
# A stream's result is its last line starting at 0 ([SUM] lines left out); MB = 2^20 bytes, Mbit/s = 10^6.

function unit_bytes(prefix) { return prefix == "K" ? 1 / 1024 : prefix == "M" ? 1 : prefix == "G" ? 1024 : prefix == "T" ? 1048576 : 1 / 1048576 }
function unit_bits(prefix) { return prefix == "K" ? 1e-3 : prefix == "M" ? 1 : prefix == "G" ? 1e3 : prefix == "T" ? 1e6 : 1e-6 }

FNR == 1 {
    n = split(FILENAME, parts, "/")
    name = parts[n]
    test = n > 1 ? parts[n - 1] : "."
    if (name ~ /^iperf-/) {
        kind = "iperf"
        rest = substr(name, 7)
        dash = index(rest, "-")
        pattern = substr(rest, 1, dash - 1)
        host = substr(rest, dash + 1)
    } else {
        kind = "dstat"
        pattern = name
        sub(/^dstat-/, "", pattern)
        sub(/\.csv$/, "", pattern)
        header = 0
        previous = ""
    }
}

kind == "iperf" && /^\[ *[0-9]+\] +[0-9.]+ *- *[0-9.]+ +sec/ {
    line = $0
    sub(/^\[ */, "", line)
    id = line; sub(/\].*/, "", id)
    sub(/^[0-9]+\] +/, "", line)
    start = line; sub(/ *-.*/, "", start)
    # fields after the interval: N sec T XBytes B Ybits/sec
    m = split(line, f, / +/)
    transfer = f[3] * unit_bytes(substr(f[4], 1, length(f[4]) - 5))
    rate = f[5] * unit_bits(substr(f[6], 1, length(f[6]) - 8))
    if (start + 0 == 0) {
        key = test SUBSEP pattern SUBSEP host SUBSEP id
        final_mb[key] = transfer
        final_mbps[key] = rate
    }
    next
}

kind == "dstat" {
    if (!header) {
        if ($0 ~ /^"time",/ || $0 ~ /^"epoch",/) {
            header = 1
            ng = split(previous, g, ",")
            current = ""
            for (i = 1; i <= ng; i++) { gsub(/"/, "", g[i]); if (g[i] != "") current = g[i]; group[i] = current }
            nc = split($0, c, ",")
            usr = sys = idl = wai = 0
            for (i = 1; i <= nc; i++) {
                gsub(/"/, "", c[i])
                if (group[i] != "total cpu usage") continue
                if (c[i] == "usr") usr = i; else if (c[i] == "sys") sys = i; else if (c[i] == "idl") idl = i; else if (c[i] == "wai") wai = i
            }
        } else if ($0 != "") {
            previous = $0
        }
        next
    }
    split($0, v, ",")
    key = test SUBSEP pattern
    rows[key]++
    s_usr[key] += v[usr]; s_sys[key] += v[sys]; s_total[key] += 100 - v[idl]; s_wai[key] += v[wai]
}

END {
    print "Test;Subtest;Host;Clients;Total transfer (MB);Total bandwidth (Mbit/s);Average bandwidth (Mbit/s)"
    for (key in final_mb) {
        split(key, k, SUBSEP)
        h = k[1] SUBSEP k[2] SUBSEP k[3]
        a = k[1] SUBSEP k[2] SUBSEP "all"
        clients[h]++; mb[h] += final_mb[key]; mbps[h] += final_mbps[key]
        clients[a]++; mb[a] += final_mb[key]; mbps[a] += final_mbps[key]
    }
    for (h in clients) {
        split(h, k, SUBSEP)
        printf "%s;%s;%s;%d;%.2f;%.2f;%.2f\n", k[1], k[2], k[3], clients[h], mb[h], mbps[h], mbps[h] / clients[h]
    }
    print "Test;Subtest;Real length;CPU usr (%);CPU sys (%);CPU total (%);CPU wait (%)"
    for (key in rows) {
        split(key, k, SUBSEP)
        printf "%s;%s;%d;%.2f;%.2f;%.2f;%.2f\n", k[1], k[2], rows[key], s_usr[key] / rows[key], s_sys[key] / rows[key], s_total[key] / rows[key], s_wai[key] / rows[key]
    }
}
