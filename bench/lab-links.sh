#!/usr/bin/env bash
# The lab's shaped links measured as the issue asks: N clients (default 10) with iperf3 at once to one server host. Not a test.
#   bench/lab-links.sh [N] [CONGESTION] [KEY=VALUE]...   e.g. bench/lab-links.sh 10 reno lab.links.client.rate=100mbit lab.links.client.loss=2%
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
exec java ${BENCH_JAVA_OPTS:-} -cp target/flotilla.jar:target/test-classes org.flotilla.provider.lab.LabLinksBench "$@"
