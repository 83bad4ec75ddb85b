#!/usr/bin/env bash
# Score crosscheck on the real-news development set, story by story.
#
#   eval/realnews/run.sh [--summary] [STORY...]      (from the repository root)
#
# Texts are read from the cache ($CROSSCHECK_REALNEWS_CACHE or ~/.cache/crosscheck-realnews);
# see eval/realnews/README.md to gather them. Each story is checked with the shipped rules
# and its own pack (eval/realnews/STORY/rules) layered on top.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${CROSSCHECK_REALNEWS_CACHE:-$HOME/.cache/crosscheck-realnews}
# The binary is rebuilt with the `eval` profile when the sources changed (a no-op otherwise;
# optimised without the release build's slow LTO), unless CROSSCHECK_BIN names another one.
if [ -n "${CROSSCHECK_BIN:-}" ]; then
  bin=$CROSSCHECK_BIN
else
  cargo build --profile eval --locked --quiet
  bin=target/eval/crosscheck
fi
args=()
stories=()
for a in "$@"; do
  case "$a" in
    --*) args+=("$a") ;;
    *) stories+=("$a") ;;
  esac
done
if [ ${#stories[@]} -eq 0 ]; then
  for d in eval/realnews/*/gold.yaml; do stories+=("$(basename "$(dirname "$d")")"); done
fi
for story in "${stories[@]}"; do
  dir=eval/realnews/$story
  if [ ! -d "$cache/$story" ]; then
    echo "$story: no cached texts in $cache/$story (see eval/realnews/README.md)" >&2
    continue
  fi
  # The built-in generic pack (frames, classes, conflict rules), the shipped conflict-reporting
  # lexicon, and the story's pack (gazetteer, lexicon) layered on them.
  shipped=$(mktemp -d)
  mkdir -p "$shipped/lexicons"
  cp rules/lexicons/*.yaml "$shipped/lexicons/"
  "$bin" --rules "$shipped" --rules "$dir/rules" --outlets "$dir/outlets.yaml" -q \
    eval "$dir/gold.yaml" "$cache/$story" "${args[@]}" || true
  rm -rf "$shipped"
  echo
done
