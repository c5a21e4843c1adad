#!/usr/bin/env bash
# The analyzer against the classic awk tables on ~1 GB of generated iperf2 + dstat logs, in one run:
# prints MB/s of both, the ratio, the analyzer's peak heap and whether the classic tables agree.
# Usage: bench/analyze-vs-awk.sh [WORKDIR [PATTERNS CLIENTS SECONDS DSTAT_ROWS CPUS]]
#        (default target/bench 4 1100 3600 86400 16; the logs are kept in WORKDIR and reused)
# The analyzer is `./flotilla analyze` as a user meets it: the launcher's JVM and options, its start and warm-up
# included (FLOTILLA=OTHER/flotilla races another checkout's launcher, for a before/after pair), with a 128 MB
# heap (BENCH_HEAP to change): memory must not grow with the size of the logs.
# Besides MB/s of the analyzer, awk and cat, it prints the CPU seconds of both contenders and the load average:
# on a shared machine the wall clock measures the neighbours too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests package test-compile
java -cp target/test-classes:target/flotilla.jar org.flotilla.bench.AnalyzeBench "${@:-target/bench}"
