#!/usr/bin/env bash
# Scaling: how much longer studyguide takes for 10 times the pages (issue 16: at most 11x).
#
#   bench/ratio.sh [--layouts "domains flat folder section deep"] [--small N] [--large N]
#                  [--rounds R] [--dir DIR] [--no-build]
#
# For each layout, generates a guide of --small (default 1,000) and one of --large (default
# 10,000) pages with examples/synth.rs, then runs R rounds (default 5), each building the small
# guide and then the large one, and prints the median wall and user time of each size and their
# ratio. The two sizes alternate within every round because this project's machines drift by
# 10-20% over minutes (they share a host): medians taken minutes apart would time the drift.
# --dir (default /dev/shm/studyguide-ratio, else /tmp/studyguide-ratio) should be on tmpfs: see
# bench/run.sh for what a disk adds. Each output is deleted, untimed, before the next build.
set -euo pipefail

layouts="domains flat folder section deep"
small=1000
large=10000
rounds=5
dir=""
build=1
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --layouts) layouts="$2"; shift 2 ;;
    --small) small="$2"; shift 2 ;;
    --large) large="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ratio: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$small" =~ ^[0-9]+$ && "$large" =~ ^[0-9]+$ && "$rounds" =~ ^[1-9][0-9]*$ ]] \
  || { echo "ratio: --small, --large and --rounds take numbers" >&2; exit 2; }
for l in $layouts; do
  case "$l" in domains|flat|folder|section|deep) ;; *)
    echo "ratio: layouts are domains, flat, folder, section and deep" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "ratio: /usr/bin/time is missing: apt-get install -y time" >&2; exit 2; }
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "$dir" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then dir=/dev/shm/studyguide-ratio; else dir=/tmp/studyguide-ratio; fi
fi
SG="$repo/target/release/studyguide"
SYNTH="$repo/target/release/examples/synth"
if [ "$build" = 1 ]; then
  (cd "$repo" && cargo build --release --quiet --bin studyguide --example synth)
fi
rm -rf "$dir"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "machine: $(nproc) cores; output on $(findmnt -n -o FSTYPE -T "$dir" 2>/dev/null | head -n 1)"
echo "$small and $large pages, $rounds rounds alternating the sizes, medians"
for layout in $layouts; do
  for n in "$small" "$large"; do
    "$SYNTH" --pages "$n" --layout "$layout" --out "$dir/$n" >/dev/null
  done
  declare -A wall=() user=()
  for ((r = 0; r < rounds; r++)); do
    for n in "$small" "$large"; do
      rm -rf "$dir/out"
      sync
      /usr/bin/time -f "%e %U" -o "$dir/time" "$SG" --root "$dir/$n/studyguide" --quiet build \
        --dest "$dir/out" >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }
      read -r w u <"$dir/time"
      wall[$n]+="$w"$'\n'
      user[$n]+="$u"$'\n'
    done
  done
  ws=$(printf '%s' "${wall[$small]}" | median); wl=$(printf '%s' "${wall[$large]}" | median)
  us=$(printf '%s' "${user[$small]}" | median); ul=$(printf '%s' "${user[$large]}" | median)
  awk -v l="$layout" -v ws="$ws" -v wl="$wl" -v us="$us" -v ul="$ul" 'BEGIN {
    printf "%-8s wall %6.2f s -> %6.2f s  %5.1fx   user %6.2f s -> %6.2f s  %5.1fx\n",
      l, ws, wl, wl / ws, us, ul, ul / us }'
  rm -rf "${dir:?}/$small" "${dir:?}/$large" "$dir/out"
done
