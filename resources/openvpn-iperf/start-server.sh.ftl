#!/bin/sh
<#include "tunnel.inc">
# Rendered by flotilla for ${host.id} (run ${run.id}): one OpenVPN server per client (local hosts
# share 127.0.0.1 and one network stack, so each client gets its own port, tun device and subnet),
# an iperf3 server bound to each tunnel's server end (traffic to it can only come through that
# tunnel), and a CPU/network sampler for the whole run. Everything stops by itself.
set -e
PATH=$PATH:/usr/sbin:/sbin
mkdir -p logs var
<#list fleet.client as client>
# made first, readable: OpenVPN would make its log 0600, which `fetch-logs` (as the login) cannot read
: > logs/openvpn-server-${client.index}.log
nohup timeout ${vars["run-limit"]} openvpn --config etc/server.conf --local <#if vars.listen??>${vars.listen}<#else>${host.address}</#if> \
  --port ${vars["vpn-port"] + client.index} --dev ${tunDevice("s", client.index)} \
  --server ${tunnelNet(client.index)} 255.255.255.248 --log logs/openvpn-server-${client.index}.log \
  </dev/null >/dev/null 2>var/openvpn-server-${client.index}.err &
</#list>
# Debian 12's dstat crashes writing --output CSV (see README): its text output works.
PYTHONUNBUFFERED=1 nohup dstat -tcn --noheaders 1 ${vars["run-limit"]} </dev/null >logs/dstat.txt 2>var/dstat.err &

# A tun device has its address once its OpenVPN server is up; only then can iperf3 bind to it.
up() {
  i=0
  until ip -4 -o addr show dev "$1" 2>/dev/null | grep -q "inet $2/"; do
    i=$((i+1))
    if [ $i -gt 300 ]; then
      echo "OpenVPN server $3 did not bring up $1 with $2: $(tail -3 logs/openvpn-server-$3.log 2>&1)" >&2
      exit 1
    fi
    sleep 0.1
  done
}
<#list fleet.client as client>
up ${tunDevice("s", client.index)} ${serverEnd(client.index)} ${client.index}
nohup timeout ${vars["run-limit"]} iperf3 -s --forceflush -B ${serverEnd(client.index)} -p ${vars["iperf-port"]} \
  --logfile logs/iperf3-server-${client.index}.log </dev/null >/dev/null 2>&1 &
</#list>
# Clients are configured once this host is READY: every iperf3 server must listen by then.
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
