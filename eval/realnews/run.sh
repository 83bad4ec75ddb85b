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
bin=${CROSSCHECK_BIN:-target/release/crosscheck}
[ -x "$bin" ] || cargo build --release --locked --quiet
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
  # The shipped generic frames, conflict rules and lexicon, with the story's gazetteer and
  # lexicon in place of the bundled story's.
  merged=$(mktemp -d)
  cp -r rules/frames rules/conflicts.yaml "$merged/"
  mkdir -p "$merged/lexicons" "$merged/gazetteer"
  cp rules/lexicons/*.yaml "$merged/lexicons/"
  cp "$dir"/rules/gazetteer/*.yaml "$merged/gazetteer/"
  [ -d "$dir/rules/lexicons" ] && cp "$dir"/rules/lexicons/*.yaml "$merged/lexicons/"
  "$bin" --rules "$merged" --outlets "$dir/outlets.yaml" -q \
    eval "$dir/gold.yaml" "$cache/$story" "${args[@]}" || true
  rm -rf "$merged"
  echo
done
