#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): Locust worker process $1, started again
# one second after it ends (a swarm's master that quits ends it; a crash too), at most
# ${vars.restarts} times.
n=$1
i=0
while [ $i -le ${vars.restarts} ]; do
  bin/locust -f locust/locustfile.py --worker --master-host ${fleet.locust_master[0].address} \
    --master-port ${vars['master-port']} --logfile logs/worker-$n.log </dev/null >>var/worker-$n.out 2>&1 &
  echo $! >var/worker-$n.pid
  wait $!
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) worker $n ended (exit $?), start $i" >>logs/supervise-$n.log
  i=$((i+1))
  sleep 1
done
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) worker $n: gave up after ${vars.restarts} restarts" >>logs/supervise-$n.log
