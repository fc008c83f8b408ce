#!/usr/bin/env bash
# Benchmark: studyguide vs mdBook vs Hugo on the same synthetic guide (issue 8).
#
#   bench/run.sh [--pages N] [--layout L] [--runs R] [--warmup W]
#                [--tools "studyguide mdbook hugo"] [--dir DIR] [--no-build]
#
# Generates N pages with examples/synth.rs (studyguide, mdBook and Hugo versions of the same
# text; --layout domains|flat|folder|section|deep, default domains, see examples/synth.rs),
# then builds each site R times (default 5), rotating the order of the tools in every
# round, after W untimed warm-up builds each (default 1). For every tool it prints the median
# wall time, the median CPU time (user + sys, all threads), the median peak memory (max RSS,
# from /usr/bin/time -v), and the ratios studyguide/Hugo and studyguide/mdBook. A tool that is
# not installed is skipped. At 10,000 pages a build writes about a gigabyte: use --tools to
# leave out the slow ones.
#
# --dir (default /tmp/studyguide-bench-...) holds the input and the output. Put it on tmpfs
# (--dir /dev/shm/bench) to time the tools and not the disk: see measure() below for what a
# disk adds on this project's machines.
#
# Environment: MDBOOK and HUGO name the binaries (default: from PATH, then ~/.cargo/bin/mdbook);
# STUDYGUIDE names a studyguide binary to use instead of building target/release/studyguide.
set -euo pipefail

pages=1000
layout=domains
runs=5
warmup=1
tools="studyguide mdbook hugo"
dir=""
build=1
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --layout) layout="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$pages" =~ ^[0-9]+$ && "$runs" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ ]] \
  || { echo "bench: --pages, --runs and --warmup take numbers" >&2; exit 2; }
case "$layout" in domains|flat|folder|section|deep) ;; *)
  echo "bench: --layout takes domains, flat, folder, section or deep" >&2; exit 2 ;; esac
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$layout" = domains ]; then suffix="$pages"; else suffix="$layout-$pages"; fi
dir="${dir:-${TMPDIR:-/tmp}/studyguide-bench-$suffix}"
out="$dir/out"

# --- tools ---------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: /usr/bin/time is missing; installing Debian's 'time' package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "bench: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
    exit 2
  fi
fi

MDBOOK="${MDBOOK:-$(command -v mdbook || true)}"
[ -z "$MDBOOK" ] && [ -x "$HOME/.cargo/bin/mdbook" ] && MDBOOK="$HOME/.cargo/bin/mdbook"
HUGO="${HUGO:-$(command -v hugo || true)}"
SG="${STUDYGUIDE:-$repo/target/release/studyguide}"
SYNTH="$repo/target/release/examples/synth"

selected=()
for t in $tools; do
  case "$t" in
    studyguide) selected+=(studyguide) ;;
    mdbook)
      if [ -n "$MDBOOK" ]; then selected+=(mdbook); else
        echo "bench: SKIPPING mdBook: mdbook is not installed. Install it with:"
        echo "         cargo install mdbook --locked     (a few minutes of compiling)"
        echo "       or put a prebuilt mdbook on PATH, or set MDBOOK=/path/to/mdbook"
      fi ;;
    hugo)
      if [ -n "$HUGO" ]; then selected+=(hugo); else
        echo "bench: SKIPPING Hugo: hugo is not installed. Install it with:"
        echo "         apt-get install -y hugo           (or set HUGO=/path/to/hugo)"
      fi ;;
    *) echo "bench: unknown tool '$t' (use studyguide, mdbook, hugo)" >&2; exit 2 ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || { echo "bench: no tool to run" >&2; exit 2; }

if [ "$build" = 1 ]; then
  targets=(--example synth)
  [ -n "${STUDYGUIDE:-}" ] || targets+=(--bin studyguide)
  echo "bench: cargo build --release ${targets[*]}"
  (cd "$repo" && cargo build --release --quiet "${targets[@]}")
fi
for b in "$SG" "$SYNTH"; do
  [ -x "$b" ] || { echo "bench: $b is missing (run without --no-build)" >&2; exit 2; }
done

# --- input ---------------------------------------------------------------------------------------
mkdir -p "$dir"
"$SYNTH" --pages "$pages" --layout "$layout" --out "$dir"
"$SG" --root "$dir/studyguide" --quiet --deny-warnings check \
  || { echo "bench: the synthetic guide does not pass studyguide check" >&2; exit 1; }

command_for() {
  case "$1" in
    studyguide) echo "$SG --root $dir/studyguide --quiet build --dest $out/studyguide" ;;
    mdbook) echo "$MDBOOK build $dir/mdbook --dest-dir $out/mdbook" ;;
    hugo) echo "$HUGO --quiet --source $dir/hugo --destination $out/hugo" ;;
  esac
}

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uname -sr)"
echo "pages:   $pages, layout $layout ($(du -sh "$dir/studyguide/content" | cut -f1) of studyguide content); runs: $runs per tool, after $warmup warm-up(s)"
for t in "${selected[@]}"; do
  case "$t" in
    studyguide) echo "studyguide: $("$SG" --version)" ;;
    mdbook) echo "mdbook:     $("$MDBOOK" --version)" ;;
    hugo) echo "hugo:       $("$HUGO" version | cut -d' ' -f1-2)" ;;
  esac
done
echo

# One build: prints "wall_s cpu_s maxrss_kib user_s sys_s". Every build writes into a directory
# that does not exist; the previous build's output goes away untimed, and the disk is synced.
# How it goes away depends on the file system of --dir:
# - tmpfs (e.g. --dir /dev/shm/bench): it is deleted. Nothing is left behind to slow the next
#   build, so the figures are the tools' own work. This is the setting for comparing sizes.
# - a disk: it is moved aside, and deleted when the benchmark ends. On ext4 without a journal
#   (this project's machines), creating a file walks past every inode deleted in the last 5 to
#   305 seconds (the kernel's `recently_deleted`), so a build that follows the deletion of a
#   large output spends seconds in the kernel: that would time the disk, not the tool.
fstype="$(findmnt -n -o FSTYPE -T "$dir" 2>/dev/null | head -n 1)"
[ -n "$fstype" ] || fstype="$(stat -f -c %T "$dir" 2>/dev/null || echo unknown)"
trash="$dir/trash"
rm -rf "$trash"
trap 'rm -rf "$trash"' EXIT
measure() {
  local tool="$1" log
  mkdir -p "$out" "$trash"
  if [ -e "$out/$tool" ]; then
    if [ "$fstype" = tmpfs ]; then rm -rf "${out:?}/$tool"
    else mv "$out/$tool" "$(mktemp -d "$trash/$tool.XXXXXX")/"; fi
  fi
  sync
  log="$(mktemp)"
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  if ! /usr/bin/time -v -o "$log.time" $(command_for "$tool") >"$log" 2>&1; then
    echo "bench: $tool failed:" >&2
    cat "$log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  awk -v wall="$(( (end - start) / 1000000 ))" '
    /User time \(seconds\)/ { user = $NF }
    /System time \(seconds\)/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF }
    END { printf "%.3f %.2f %d %.2f %.2f\n", wall / 1000, user + sys, rss, user, sys }' "$log.time"
  rm -f "$log" "$log.time"
}

declare -A results
for ((i = 0; i < warmup; i++)); do for t in "${selected[@]}"; do
  printf 'warm-up %-10s' "$t"
  res=$(measure "$t") || exit 1
  printf ' %6.2f s\n' "${res%% *}"
done; done
n=${#selected[@]}
for ((r = 0; r < runs; r++)); do
  printf 'run %d/%d:' $((r + 1)) "$runs"
  for ((k = 0; k < n; k++)); do
    t="${selected[$(((k + r) % n))]}"   # rotate the order every round
    res=$(measure "$t") || exit 1
    results[$t]+="$res"$'\n'
    printf '  %s %.2fs' "$t" "${res%% *}"
  done
  echo
done

# --- report --------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A wall cpu rss user sys
for t in "${selected[@]}"; do
  wall[$t]=$(printf '%s' "${results[$t]}" | awk '{ print $1 }' | median)
  cpu[$t]=$(printf '%s' "${results[$t]}" | awk '{ print $2 }' | median)
  rss[$t]=$(printf '%s' "${results[$t]}" | awk '{ print $3 }' | median)
  user[$t]=$(printf '%s' "${results[$t]}" | awk '{ print $4 }' | median)
  sys[$t]=$(printf '%s' "${results[$t]}" | awk '{ print $5 }' | median)
done

echo
echo "$pages pages, layout $layout, median of $runs runs, output on $fstype"
printf '%-11s %10s %10s %10s %10s %14s\n' tool "wall (s)" "CPU (s)" "user (s)" "sys (s)" "max RSS (MiB)"
for t in "${selected[@]}"; do
  printf '%-11s %10.2f %10.2f %10.2f %10.2f %14.1f\n' "$t" "${wall[$t]}" "${cpu[$t]}" \
    "${user[$t]}" "${sys[$t]}" "$(awk -v k="${rss[$t]}" 'BEGIN { print k / 1024 }')"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
if [ -n "${wall[studyguide]:-}" ]; then
  for other in hugo mdbook; do
    [ -n "${wall[$other]:-}" ] || continue
    name=$([ "$other" = hugo ] && echo Hugo || echo mdBook)
    printf '%-22s wall %sx  CPU %sx  RSS %sx\n' "studyguide/$name:" \
      "$(ratio "${wall[studyguide]}" "${wall[$other]}")" \
      "$(ratio "${cpu[studyguide]}" "${cpu[$other]}")" \
      "$(ratio "${rss[studyguide]}" "${rss[$other]}")"
  done
fi
echo "(ratios below 1 mean studyguide is faster or smaller; output in $out)"
