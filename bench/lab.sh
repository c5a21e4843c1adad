#!/usr/bin/env bash
# bench/lab.sh [--no-cold] [N ...] (default 50 200), as root: what the lab costs at N hosts.
#
# 1. The image: built cold into an empty cache dir (mmdebstrap from this machine's Debian sources,
#    then `podman import`), then found in that cache by a second run; the cold cache is removed after.
#    --no-cold skips this (it fetches the image's packages from Debian's mirror).
# 2. For each N, in the lab's usual cache (image and apt cache warm: a 1-host run installs the
#    packages first): `up --detach` of N hosts of one role that installs iperf3 and dstat through
#    sudo, as a scenario's recipe does; `up` returns once every host is READY. Printed: the time to
#    all READY and when the last host reached each state (from the journal: all containers started,
#    all sshd answering after cloud-init, all configured), the CPU each container used (its cgroup:
#    cloud-init, sshd, logins, apt), the daemon's CPU and RSS, each host's memory (its cgroup's RSS
#    and page cache, and its conmon's PSS), then the time `down` takes to remove it all.
# On a shared machine the wall clock measures the neighbours too; the CPU seconds do not. `uptime`
# is printed with each figure. Env: LAB_CACHE, the lab cache the fleets use (default ~/.cache/flotilla/lab).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cold=1
if [[ ${1:-} == --no-cold ]]; then cold=0; shift; fi
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(50 200)
for n in "${sizes[@]}"; do [[ $n =~ ^[0-9]+$ && $n -ge 1 && $n -le 1000 ]] || { echo "bench/lab.sh: N must be 1..1000, got '$n'" >&2; exit 2; }; done
[[ $(id -u) -eq 0 ]] || { echo "bench/lab.sh: needs root (the lab runs rootful podman and network namespaces)" >&2; exit 2; }
work=$(mktemp -d /tmp/flotilla-lab-bench.XXXXXX)
runs=$work/runs
lab_cache=${LAB_CACHE:-$HOME/.cache/flotilla/lab}
finish() {
  if ./flotilla down --runs-dir "$runs" >/dev/null 2>&1 || [[ ! -d $runs ]]; then rm -rf "$work"; else echo "down failed: the runs stay in $runs" >&2; fi
}
trap finish EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
podman_of() { CONTAINERS_CONF=$1/podman/containers.conf CONTAINERS_STORAGE_CONF=$1/podman/storage.conf podman "${@:2}"; }
fleet() { # role web: N hosts that install two packages through sudo
  printf 'provider = lab\nlab.cache-dir = "%s"\nroles.web { count = %s, packages = %s, become = true }\nssh.connect-timeout = 30m\nprovision.package-timeout = 30m\n' \
    "$1" "$2" "$3" > "$work/lab-$2.conf"
  echo "$work/lab-$2.conf"
}
up() { ./flotilla up --config "$1" --runs-dir "$runs" --detach -q; }
down() { ./flotilla down --runs-dir "$runs" >/dev/null; }

if [[ $cold == 1 ]]; then
  c=$work/cold-cache
  t0=$(ms); up "$(fleet "$c" 1 '[]')" >/dev/null; t1=$(ms)
  first=$(grep -ho 'lab image [^ ]* built in [0-9.]* s' "$runs"/*/journal.jsonl | head -1)
  down; rm -rf "$runs"
  t2=$(ms); up "$(fleet "$c" 1 '[]')" >/dev/null; t3=$(ms)
  second=$(grep -ho 'lab image [^ ]* found in the cache in [0-9.]* s' "$runs"/*/journal.jsonl | head -1)
  tag=$(echo "$first" | awk '{print $3}')
  size=$(podman_of "$c" image ls --format '{{.Size}}' "$tag" | head -1)
  down; rm -rf "$runs"
  podman_of "$c" rmi -a -f >/dev/null 2>&1 || true
  rm -rf "$c"
  echo "image, cold: ${first:-?} (up of 1 host took $(( (t1 - t0) / 1000 )) s); size $size"
  echo "image, cached: ${second:-?} (up of 1 host took $(( (t3 - t2) / 1000 )) s)"
  uptime
fi

# the packages into the lab's apt cache, so the fleets below install from it
up "$(fleet "$lab_cache" 1 '[iperf3, dstat]')" >/dev/null; down; rm -rf "$runs"

for n in "${sizes[@]}"; do
  t0=$(ms); up "$(fleet "$lab_cache" "$n" '[iperf3, dstat]')" >/dev/null; t1=$(ms)
  run=$(ls "$runs" | head -1)
  pid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$runs/$run/daemon.json")
  daemon_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
  daemon_rss=$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  ids=$(podman_of "$lab_cache" ps --no-trunc --filter "label=flotilla.run=$run" --filter "label=flotilla.host" --format '{{.ID}} {{.Names}}' | grep -v -- '-jump$' | awk '{print $1}')
  for id in $ids; do
    cpu=$(cat "/sys/fs/cgroup/cpuacct/libpod_parent/libpod-$id/cpuacct.usage")
    read -r rss cache < <(awk '$1 == "total_rss" {r = $2} $1 == "total_cache" {c = $2} END {print r, c}' "/sys/fs/cgroup/memory/libpod_parent/libpod-$id/memory.stat")
    conmon=$(pgrep -f "conmon .*$id" | head -1)
    pss=$(awk '/^Pss:/ {print $2 * 1024}' "/proc/$conmon/smaps_rollup" 2>/dev/null || echo 0)
    echo "$cpu $rss $cache $pss"
  done > "$work/per-host.txt"
  phases=$(python3 - "$runs/$run/journal.jsonl" <<'EOF'
import json, sys
from datetime import datetime
first, last = None, {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    t = datetime.fromisoformat(e["t"][:26].rstrip("Z"))
    if e["event"] == "state":
        first = first or t
        last[e["state"]] = t
print(", ".join(f"all {s} at {(last[s] - first).total_seconds():.1f} s" for s in ("BOOTING", "REACHABLE", "READY") if s in last))
EOF
)
  load=$(uptime)
  t2=$(ms); down; t3=$(ms)
  rm -rf "$runs"
  sort -n "$work/per-host.txt" | awk -v n="$n" -v ms=$((t1 - t0)) -v down=$((t3 - t2)) -v dcpu="$daemon_cpu" -v drss="$daemon_rss" -v phases="$phases" '
    { cpu[NR] = $1 / 1e9; sum += $1 / 1e9; rss += $2; cache += $3; pss += $4 }
    END {
      printf "lab %d hosts: all READY in %.1f s (%s, counted from the first request)\n", n, ms / 1000, phases
      printf "  CPU per host (cloud-init, sshd, logins, apt): median %.2f s, max %.2f s, total %.1f s; daemon %s s CPU, RSS %s MB\n",
        cpu[int((NR + 1) / 2)], cpu[NR], sum, dcpu, drss
      printf "  memory per host: %.1f MB RSS + %.1f MB page cache in its cgroup, conmon %.1f MB PSS\n",
        rss / NR / 1048576, cache / NR / 1048576, pss / NR / 1048576
      printf "  teardown (down): %.1f s\n", down / 1000
    }'
  echo "  $load"
done
