#!/usr/bin/env bash
# Start spread of a `fire` test across N local hosts (default 200) over ROUNDS rounds (default 5). Not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
exec java ${BENCH_JAVA_OPTS:-} -cp target/flotilla.jar:target/test-classes org.flotilla.bench.FireBench "$@"
