#!/bin/sh
<#include "tunnel.inc">
<#assign dev = tunDevice("c", host.index)>
# The test of ${host.id}: iperf3 from the client's network namespace to the server end of its
# tunnel (the only way there is through ${dev}), then the tun device's byte counters after the
# pattern, in logs/tun-${host.id}.txt: they show the test's bytes crossed the tunnel.
pattern=$1
# in the client's network namespace where start-client.sh made one (the server shares this stack)
inside() {
  if [ -s var/netns.pid ]; then nsenter -t "$(cat var/netns.pid)" -n "$@"; else "$@"; fi
}
if [ "$pattern" = json ]; then
  report="--json --logfile logs/iperf-$pattern-${host.id}.json"
else
  report="--logfile logs/iperf-$pattern-${host.id}.txt"
fi
rc=0
inside iperf3 -c ${serverEnd(host.index)} -B ${clientEnd(host.index)} -p ${vars["iperf-port"]} \
  -t ${vars.seconds} -b ${vars.bandwidth} $report || rc=$?
# /proc/net/dev read inside the namespace lists its devices: "name: rx_bytes ... (8 fields) tx_bytes ..."
inside cat /proc/net/dev | sed -n "s/^ *${dev}: *//p" \
  | awk -v p="$pattern" '{ print p, "rx_bytes", $1, "tx_bytes", $9 }' >> logs/tun-${host.id}.txt
exit $rc
