#!/usr/bin/env bash
# Provisioning benchmark: local fleets of N hosts (default 100 and 500) with boot delays of 1s..10s.
# Prints time-to-all-READY / (slowest boot + one host's configure time) and peak RSS. Not a test.
# BENCH_JAVA_OPTS replaces the launcher's daemon options (e.g. "" for the JVM's defaults).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package
# The JVM options the launcher gives the daemon that holds a fleet (./flotilla): what users run.
exec java ${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xmn32m} -cp target/flotilla.jar:target/test-classes org.flotilla.bench.ProvisionBench "$@"
