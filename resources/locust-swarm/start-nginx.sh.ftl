#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): starts the nginx of conf/nginx.conf under
# this directory (its own prefix, pid file and ports), or reloads it when it already runs
# (`configure`, `push`). It stops by itself after ${vars['run-limit']} seconds.
set -e
PATH="$PATH:/usr/sbin:/sbin"
mkdir -p logs var/nginx
# As root, nginx's workers would run as nobody, who cannot read a private run directory.
global="daemon off; user $(id -un) $(id -gn);"
run_nginx() { nginx -p "$PWD/" -e logs/nginx-error.log -c "$PWD/conf/nginx.conf" -g "$global" "$@"; }
if ! run_nginx -t >var/nginx-test.out 2>&1; then
  echo "nginx refuses conf/nginx.conf:" >&2; cat var/nginx-test.out >&2; exit 1
fi
if [ -s var/nginx.pid ] && kill -0 "$(cat var/nginx.pid)" 2>/dev/null; then
  run_nginx -s reload
  echo "nginx reloaded (pid $(cat var/nginx.pid))"
  exit 0
fi
rm -f var/nginx.pid
nohup timeout ${vars['run-limit']} nginx -p "$PWD/" -e logs/nginx-error.log -c "$PWD/conf/nginx.conf" -g "$global" \
  </dev/null >var/nginx.out 2>&1 &
# nginx writes its pid file once its ports are bound: then clients configured after this host find it.
i=0
while [ $i -lt 100 ]; do
  [ -s var/nginx.pid ] && { echo "nginx started (pid $(cat var/nginx.pid))"; exit 0; }
  kill -0 $! 2>/dev/null || break
  i=$((i+1)); sleep 0.1
done
echo "nginx did not start:" >&2; tail -5 logs/nginx-error.log var/nginx.out >&2 2>/dev/null
exit 1
