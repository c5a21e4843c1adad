#!/usr/bin/env bash
# Start-up of the launcher, side by side for one or more checkouts (default: this one), in turn
# A B A B ... so the machine's drift falls on each alike. Not a test.
#   first connect: from starting `./flotilla up -q` (local-demo, one server and one client) to the
#                  earliest "logged in to" stamp in its hosts/*.log; then the fleet is stopped (SIGTERM).
#                  Also the CPU time the process had used by then (all threads; less swayed by a busy machine).
#   --help:        the whole `./flotilla --help` process.
# Prints every figure and the median per checkout, in milliseconds.
#   bench/first-connect.sh [-n RUNS] [CHECKOUT ...]      e.g. bench/first-connect.sh -n 7 /work/main .
set -euo pipefail
runs=5
[[ "${1:-}" == -n ]] && { runs=$2; shift 2; }
(( $# )) || set -- "$(dirname "${BASH_SOURCE[0]}")/.."
checkouts=()
for c in "$@"; do checkouts+=("$(cd "$c" && pwd)"); done

scratch=$(mktemp -d)
pid=
cleanup() {
  [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { date +%s%3N; }

# One `up`, stopped at its first connect: prints the milliseconds from launch to it.
first_connect() {
  local dir=$1 runs_dir t0 line
  runs_dir=$(mktemp -d "$scratch/runs.XXXX")
  t0=$(now_ms)
  (cd "$dir" && exec ./flotilla up -q --config config/scenarios/local-demo.conf --count client=1 --runs-dir "$runs_dir" \
    >"$runs_dir.out" 2>&1) &
  pid=$!
  line=
  for _ in $(seq 1 2000); do
    line=$(cat "$runs_dir"/*/hosts/*.log 2>/dev/null | grep -E ' (reachable: )?logged in to ' | sort | head -1) || true
    [[ -n "$line" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  # CPU time (all threads, user + system) by then: what a busy machine's contention hardly changes.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat" 2>/dev/null) || cpu=?
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
  [[ -n "$line" ]] || { echo "no host became reachable in $dir; its output:" >&2; cat "$runs_dir.out" >&2; exit 1; }
  echo "$(( $(date -d "${line%% *}" +%s%3N) - t0 )) $cpu"
}

help_ms() {
  local t0
  t0=$(now_ms)
  "$1/flotilla" --help >/dev/null
  echo $(( $(now_ms) - t0 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# Warm-up: --help builds a stale jar and trains its class-data archive, which are not what is measured.
for c in "${checkouts[@]}"; do help_ms "$c" >/dev/null; first_connect "$c" >/dev/null; done

declare -A fc cpu hp
for ((i = 0; i < runs; i++)); do
  for c in "${checkouts[@]}"; do
    read -r wall used < <(first_connect "$c")
    fc[$c]+="$wall "
    cpu[$c]+="$used "
    hp[$c]+="$(help_ms "$c") "
  done
done
for c in "${checkouts[@]}"; do
  # shellcheck disable=SC2086
  printf '%s\n  first connect ms:     %s median %s\n  CPU by then ms:       %s median %s\n  --help ms:            %s median %s\n' "$c" \
    "${fc[$c]}" "$(median ${fc[$c]})" "${cpu[$c]}" "$(median ${cpu[$c]})" "${hp[$c]}" "$(median ${hp[$c]})"
done
