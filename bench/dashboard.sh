#!/usr/bin/env bash
# The dashboard with N local hosts (default 1000) and its page open in headless Chromium: state change
# -> page latency (median, p99), the daemon's CPU between tests, the page's transfer size. Not a test.
# Runs in a network namespace with only loopback, as the tests do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec src/test/loopback/bin/java ${BENCH_JAVA_OPTS:-} -cp "target/flotilla.jar:target/test-classes:$(cat target/test-classpath.txt)" \
  org.flotilla.bench.DashboardBench "$@"
