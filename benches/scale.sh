#!/usr/bin/env bash
# End-to-end figures for the README's Performance section: generate corpora of 10,000 and
# 100,000 articles (seeded, so the same each time) and time `crosscheck check` on each with
# /usr/bin/time -v, reporting the median and range of wall time, MB/s and peak memory, and
# the median CPU time and the load average around the runs (on a shared machine the wall
# time moves with what else runs, and so, less, does the CPU time: they say how busy it was).
#
#   benches/scale.sh [RUNS] [SIZES...]      default: 5 runs, 10000 100000
#
# Corpora are written under target/scale/ (about 5.3 KB an article) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("${@:-10000 100000}")
[ $# -eq 0 ] && sizes=(10000 100000)

cargo build --release --quiet --example gen_corpus --bin crosscheck
bin=target/release/crosscheck
for n in "${sizes[@]}"; do
  dir=target/scale/$n
  if [ ! -f "$dir/planted.yaml" ]; then
    rm -rf "$dir"
    target/release/examples/gen_corpus --articles "$n" "$dir"
  fi
  bytes=$(awk '/^bytes:/ {print $2}' "$dir/planted.yaml")
  $bin check "$dir" --format json --fail-on never -q > /dev/null   # warm the page cache
  walls=(); mems=(); cpus=()
  load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  for _ in $(seq "$runs"); do
    /usr/bin/time -v "$bin" check "$dir" --format json --fail-on never -q > /dev/null 2> target/scale/time.txt
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' target/scale/time.txt)")
    mems+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' target/scale/time.txt)")
    cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ {s+=$2} END {print s}' target/scale/time.txt)")
  done
  load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  python3 - "$n" "$bytes" "${walls[*]}" "${mems[*]}" "${cpus[*]}" "$load_before" "$load_after" <<'PY'
import statistics, sys
n, size = int(sys.argv[1]), int(sys.argv[2])
walls = [float(w) for w in sys.argv[3].split()]
mems = [int(m) for m in sys.argv[4].split()]
cpus = [float(c) for c in sys.argv[5].split()]
med = statistics.median(walls)
print(f"{n} articles, {size/1e6:.1f} MB: wall median {med:.2f} s (range {min(walls):.2f}-{max(walls):.2f} s, "
      f"{len(walls)} runs), {size/1e6/med:.1f} MB/s, peak memory {max(mems)/1024:.0f} MB")
# On a shared machine the wall time, and to a lesser degree the CPU time, depend on what
# else runs: with the load average before and after, they say how busy the machine was.
print(f"  CPU (user + system) median {statistics.median(cpus):.2f} s; "
      f"load average {sys.argv[6]} before, {sys.argv[7]} after")
PY
done
