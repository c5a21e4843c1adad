#!/usr/bin/env bash
# MB/s of SSH packet encryption: MINA's chacha20-poly1305, Flotilla's JDK-backed one, AES-GCM; under
# C1 only (as the launcher runs) and tiered, in one run. Not a test. Args: [MiB per round] [rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
exec java ${BENCH_JAVA_OPTS:-} -cp target/flotilla.jar:target/test-classes org.flotilla.bench.CipherBench "$@"
