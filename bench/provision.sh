#!/usr/bin/env bash
# Provisioning benchmark: local fleets of N hosts (default 100 and 500) with boot delays of 1s..10s.
# Prints time-to-all-READY / (slowest boot + one host's configure time) and peak RSS. Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
exec java ${BENCH_JAVA_OPTS:-} -cp target/flotilla.jar:target/test-classes org.flotilla.bench.ProvisionBench "$@"
