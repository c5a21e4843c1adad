#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): ${vars.cores} Locust worker processes (one
# per core, vars.cores) for the master at ${fleet.locust_master[0].address}:${vars['master-port']},
# each kept running by a supervisor (vars.supervisor):
#   loop    - bin/supervise.sh per process: local hosts have no init system of their own
#   systemd - the template unit flotilla-locust-worker@.service, one instance per process
# A worker ends whenever a swarm's master quits, so it is restarted whatever its exit code.
# Run again (push's reload), it restarts every worker process, which then reads the current
# locust/locustfile.py.
set -e
mkdir -p logs var
<#if vars.supervisor == "systemd">
unit=/etc/systemd/system/flotilla-locust-worker@.service
cat >"$unit.new" <<UNIT
[Unit]
Description=Locust worker %i of flotilla run ${run.id}
[Service]
WorkingDirectory=$PWD
ExecStart=$PWD/bin/locust -f locust/locustfile.py --worker --master-host ${fleet.locust_master[0].address} --master-port ${vars['master-port']} --logfile logs/worker-%i.log
Restart=always
RestartSec=1
RuntimeMaxSec=${vars['run-limit']}
UNIT
mv "$unit.new" "$unit"
systemctl daemon-reload
for n in $(seq 1 ${vars.cores}); do systemctl restart "flotilla-locust-worker@$n"; done
echo "${vars.cores} worker units (re)started"
<#elseif vars.supervisor == "loop">
started=0
for n in $(seq 1 ${vars.cores}); do
  if [ -s var/worker-$n.pid ] && kill -0 "$(cat var/worker-$n.pid)" 2>/dev/null; then
    pid=$(cat var/worker-$n.pid)
    rm -f var/worker-$n.pid
    kill "$pid"   # its loop starts it again, and writes the new pid
  else
    rm -f var/worker-$n.pid
    nohup timeout ${vars['run-limit']} sh bin/supervise.sh $n </dev/null >/dev/null 2>var/supervise-$n.err &
    started=$((started+1))
  fi
done
# Each loop writes its worker's pid once it has started it (a second after a restart).
i=0
while [ $i -lt 100 ]; do
  n=0
  for f in $(seq 1 ${vars.cores}); do [ -s var/worker-$f.pid ] && n=$((n+1)); done
  [ $n -eq ${vars.cores} ] && { echo "$started worker processes started, $((${vars.cores} - started)) restarted"; exit 0; }
  i=$((i+1)); sleep 0.1
done
echo "worker processes did not start: $(cat var/supervise-*.err 2>&1 | tail -3)" >&2
exit 1
<#else>
echo "vars.supervisor is '${vars.supervisor}': expected loop or systemd" >&2
exit 2
</#if>
