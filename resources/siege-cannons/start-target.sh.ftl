#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): starts nginx for the cannons, bounded in time,
# and returns once it listens, so cannons configured after this host find it.
set -e
mkdir -p logs var
# `flotilla configure` runs this again: the nginx started last time gives way to the new config.
if [ -s var/nginx.pid ] && kill "$(cat var/nginx.pid)" 2>/dev/null; then
  i=0
  while [ -e var/nginx.pid ] && [ $i -lt 50 ]; do i=$((i+1)); sleep 0.1; done
fi
rm -f var/nginx.pid
nginx=$(command -v nginx || echo /usr/sbin/nginx)
# -e: the error log before the config is read (the default one is root's /var/log/nginx).
nohup timeout ${vars["run-limit"]} "$nginx" -p "$PWD/" -c etc/nginx.conf -e logs/nginx-error.log \
  </dev/null >var/nginx.out 2>&1 &
started=$!
# nginx writes its pid file once its sockets listen; should it fail (port taken), it exits.
i=0
while [ $i -lt 100 ]; do
  [ -s var/nginx.pid ] && exit 0
  if ! kill -0 $started 2>/dev/null; then
    echo "nginx did not start on ${host.address}:${vars['target-port']} (--set vars.target-port=N picks another port):" >&2
    tail -n 3 logs/nginx-error.log var/nginx.out >&2 2>/dev/null || true
    exit 1
  fi
  i=$((i+1)); sleep 0.1
done
echo "nginx did not listen on ${host.address}:${vars['target-port']} within 10 s" >&2
exit 1
