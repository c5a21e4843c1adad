#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): one iperf3 server per client (an iperf3
# server runs one test at a time, and local hosts share 127.0.0.1), and a CPU/network sampler
# for the whole run. Everything is bounded in time and stops by itself.
set -e
mkdir -p logs
<#list fleet.client as client>
nohup timeout ${vars["run-limit"]} iperf3 -s --forceflush -p ${vars["base-port"] + client.index} \
  --logfile logs/iperf3-server-${vars["base-port"] + client.index}.log </dev/null >/dev/null 2>&1 &
</#list>
# Debian 12's dstat crashes writing --output CSV (see README): its text output works.
mkdir -p var
PYTHONUNBUFFERED=1 nohup dstat -tcn --noheaders 1 ${vars["run-limit"]} </dev/null >logs/dstat.txt 2>var/dstat.err &
# Wait until every iperf3 server listens, so clients configured after this host find them.
i=0
while [ $i -lt 100 ]; do
  n=0
  for log in logs/iperf3-server-*.log; do
    grep -q "Server listening" "$log" 2>/dev/null && n=$((n+1))
  done
  [ $n -eq ${fleet.client?size} ] && exit 0
  i=$((i+1)); sleep 0.1
done
echo "iperf3 servers did not come up: $(cat logs/iperf3-server-*.log 2>&1 | tail -3)" >&2
exit 1
