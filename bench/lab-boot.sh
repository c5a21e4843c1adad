#!/usr/bin/env bash
# What booting costs a lab host: N hosts up (`up --detach` returns once every host is READY, i.e. its
# sshd answered after cloud-init's four stages), then the CPU each container has used so far, read
# from its cgroup (v1 cpuacct: cloud-init, sshd, the one login), and the time to READY; then down.
# Usage (as root): bench/lab-boot.sh [N]   (default 5; run it once more if the lab image was built in the first)
# On a shared machine the wall clock measures the neighbours too; the CPU seconds do not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${1:-5}
work=$(mktemp -d)
printf 'provider = lab\nroles.web.count = %s\nssh.connect-timeout = 10m\n' "$n" > "$work/lab.conf"
trap 'if ./flotilla down --runs-dir "$work/runs" >/dev/null; then rm -rf "$work"; else echo "down failed: the run stays in $work/runs" >&2; fi' EXIT
start=$(date +%s%N)
./flotilla up --config "$work/lab.conf" --runs-dir "$work/runs" --detach -q
ready=$(date +%s%N)
run=$(ls "$work/runs" | head -1)
cache=$HOME/.cache/flotilla/lab/podman
ids=$(CONTAINERS_CONF=$cache/containers.conf CONTAINERS_STORAGE_CONF=$cache/storage.conf \
  podman ps --no-trunc --filter "label=flotilla.run=$run" --format '{{.ID}}')
for id in $ids; do
  cat "/sys/fs/cgroup/cpuacct/libpod_parent/libpod-$id/cpuacct.usage"
done | sort -n | awk -v n="$n" -v ms=$(((ready - start) / 1000000)) '
  { cpu[NR] = $1 / 1e9; sum += $1 / 1e9 }
  END {
    printf "lab boot: %d hosts READY in %.1f s; CPU per host (cloud-init, sshd, one login): min %.2f s, median %.2f s, max %.2f s, total %.1f s\n",
      n, ms / 1000, cpu[1], cpu[int((NR + 1) / 2)], cpu[NR], sum
  }'
uptime
