#!/bin/sh
# Rendered by flotilla for ${host.id} (run ${run.id}): one swarm. Locust's master starts at once
# (--autostart: as --headless, but its web UI lives while it runs, for nginx to publish), waits
# for every worker process of the fleet (${fleet.locust_worker?size} hosts x ${vars.cores}), loads the
# target for ${vars['run-time']}, writes CSV stats to logs/$1_stats*.csv and quits
# ${vars.linger}s later; its workers quit with it, and their supervisors start them again for the next swarm.
set -e
mkdir -p logs
# After the ramp-up the master waits this long for every worker's user count before it logs
# "All users spawned" (Locust's default, 1 s, runs out on a busy machine and logs a warning instead).
export LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP="3 * WORKER_REPORT_INTERVAL"
exec bin/locust -f locust/locustfile.py --master \
  --master-bind-host ${host.address} --master-bind-port ${vars['master-port']} \
  --web-host 127.0.0.1 --web-port ${vars['web-port']} \
  --autostart --autoquit ${vars.linger} \
  --expect-workers ${fleet.locust_worker?size * vars.cores} --expect-workers-max-wait ${vars['worker-wait']} \
  -H http://${host.address}:${vars['target-port']} -u ${vars.users} -r ${vars['spawn-rate']} -t ${vars['run-time']} \
  --csv "logs/$1" --csv-full-history --logfile logs/locust-master.log </dev/null
