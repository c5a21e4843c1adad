<#include "tunnel.inc">
# OpenVPN client of ${host.id} (run ${run.id}): its own certificate, the server's tunnel for it.
client
dev ${tunDevice("c", host.index)}
dev-type tun
proto udp
remote ${fleet.server[0].address} ${vars["vpn-port"] + host.index}
nobind
ca keys/ca.pem
cert keys/host.pem
key keys/host.key
tls-crypt keys/tls-crypt.key
# The server must show a server certificate of the run's authority, issued to the server host.
remote-cert-tls server
verify-x509-name ${fleet.server[0].id} name
disable-dco
# start-client.sh moves the tun device into a network namespace and addresses it there; the
# addresses OpenVPN would set here would vanish with the move. No route is ever pushed.
ifconfig-noexec
route-noexec
verb 3
