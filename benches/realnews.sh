#!/usr/bin/env bash
# Throughput on real news text: the development set's cached excerpts (eval/realnews/, texts
# in ~/.cache/crosscheck-realnews) recombined into a corpus of N articles, then
# `crosscheck check` timed on it with /usr/bin/time -v (median wall time, MB/s, peak memory).
#
#   benches/realnews.sh [RUNS] [ARTICLES]      default: 5 runs, 10000 articles
#
# Each generated article joins the paragraphs of two excerpts of one story (seeded), so the
# text is real news but no two articles are copies (copies would measure near-duplicate
# grouping, not reading). The corpus is written under target/realnews-scale/N and reused;
# the texts never leave the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
n=${2:-10000}
cache=${CROSSCHECK_REALNEWS_CACHE:-$HOME/.cache/crosscheck-realnews}
cargo build --release --quiet --bin crosscheck
bin=target/release/crosscheck
dir=target/realnews-scale/$n
if [ ! -f "$dir/outlets.yaml" ]; then
  rm -rf "$dir"
  python3 - "$cache" "$dir" "$n" <<'PY'
import pathlib, random, sys
cache, out, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
stories = {}
for f in sorted(cache.glob("*/*.md")):
    text = f.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = dict(l.split(": ", 1) for l in front.strip().splitlines() if ": " in l)
    paras = [p for p in body.split("\n\n") if p.strip()]
    stories.setdefault(f.parent.name, []).append((meta, paras))
if not stories:
    sys.exit(f"no cached texts under {cache}: see eval/realnews/README.md")
rng = random.Random(20261205)
out.mkdir(parents=True)
outlets = set()
names = sorted(stories)
for i in range(n):
    items = stories[names[i % len(names)]]
    (meta, a), (_, b) = rng.choice(items), rng.choice(items)
    outlets.add(meta["outlet"])
    body = "\n\n".join(a + b)
    (out / f"a{i:06}.md").write_text(
        f"---\noutlet: {meta['outlet']}\npublished: {meta['published']}\n---\n{body}\n", encoding="utf-8")
(out / "outlets.yaml").write_text(
    "outlets:\n" + "".join(f"  - {{id: {o}, name: {o}}}\n" for o in sorted(outlets)), encoding="utf-8")
PY
fi
bytes=$(find "$dir" -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
$bin check "$dir" --format json --fail-on never -q > /dev/null   # warm the page cache
walls=(); mems=()
for _ in $(seq "$runs"); do
  /usr/bin/time -v "$bin" check "$dir" --format json --fail-on never -q > /dev/null 2> "$dir.time"
  walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$dir.time")")
  mems+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir.time")")
done
python3 - "$n" "$bytes" "${walls[*]}" "${mems[*]}" <<'PY'
import statistics, sys
n, size = int(sys.argv[1]), int(sys.argv[2])
walls = [float(w) for w in sys.argv[3].split()]
mems = [int(m) for m in sys.argv[4].split()]
med = statistics.median(walls)
print(f"{n} real-news articles, {size/1e6:.1f} MB: wall median {med:.2f} s "
      f"(range {min(walls):.2f}-{max(walls):.2f} s, {len(walls)} runs), {size/1e6/med:.1f} MB/s, "
      f"peak memory {max(mems)/1024:.0f} MB")
PY
