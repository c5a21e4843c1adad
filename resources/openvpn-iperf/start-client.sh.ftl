#!/bin/sh
<#include "tunnel.inc">
<#assign dev = tunDevice("c", host.index)>
# Rendered by flotilla for ${host.id} (run ${run.id}): connects to the server's OpenVPN for this
# client, then moves the tun device (${dev}) into a network namespace of its own. Local hosts share
# one network stack: with both tunnel ends in it, traffic between them would take the loopback and
# never touch the tunnel. The openvpn process and its UDP socket stay here; iperf3 runs in the
# namespace (bin/iperf.sh), where the tunnel is the only way to the server, as from another machine.
set -e
ns=
PATH=$PATH:/usr/sbin:/sbin
mkdir -p logs var
log=logs/openvpn-${host.id}.log
# made first, readable: OpenVPN would make its log 0600, which `fetch-logs` (as the login) cannot read
: > $log
# The namespace lives as long as this process. It outlives openvpn: a tun device whose namespace
# is gone makes openvpn loop on read errors.
# Only where the server shares this host's network stack (its address is local here, as on local
# hosts): a host of its own (lab, cloud) keeps the tun device, and the tunnel is its only way to the
# server's tunnel end anyway.
rm -f var/netns.pid
if ip route get ${fleet.server[0].address} | grep -q '^local '; then
  nohup unshare --net sleep ${vars["run-limit"] + 30} </dev/null >/dev/null 2>&1 &
  ns=$!
  echo $ns > var/netns.pid
fi
nohup timeout ${vars["run-limit"]} openvpn --config etc/client.conf --log $log </dev/null >/dev/null 2>var/openvpn.err &
i=0
until grep -q "Initialization Sequence Completed" $log 2>/dev/null; do
  i=$((i+1))
  if [ $i -gt 300 ]; then
    echo "openvpn of ${host.id} did not connect to ${fleet.server[0].address}:${vars["vpn-port"] + host.index}: $(tail -3 $log 2>&1)" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$ns" ]; then
  ip addr add ${clientEnd(host.index)}/29 dev ${dev} && ip link set ${dev} up
  exit 0
fi
until [ "$(readlink /proc/$ns/ns/net)" != "$(readlink /proc/$$/ns/net)" ]; do sleep 0.05; done
ip link set dev ${dev} netns $ns
nsenter -t $ns -n sh -c 'ip link set lo up && ip addr add ${clientEnd(host.index)}/29 dev ${dev} && ip link set ${dev} up'
