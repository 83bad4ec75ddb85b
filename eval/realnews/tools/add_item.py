#!/usr/bin/env python3
"""Add one real-news excerpt to the development set.

The excerpt's text goes to the git-ignored cache (never into git); the manifest entry
(url, outlet, date, query, rank, first words, sha256) goes to eval/realnews/STORY/manifest.yaml.

    python3 eval/realnews/tools/add_item.py --story nagorno-karabakh-2020 --id nk-001 \
        --url URL --outlet tass --published 2020-10-20 --basis "dateline in text" \
        --title "..." --query "the search query" --rank 4 --text-file /tmp/excerpt.txt

The cache folder is $CROSSCHECK_REALNEWS_CACHE or ~/.cache/crosscheck-realnews.
"""
import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    env = os.environ.get("CROSSCHECK_REALNEWS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "crosscheck-realnews"


def normalised(text: str) -> str:
    return " ".join(text.split())


def sha256(text: str) -> str:
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()


def q(value) -> str:
    """A YAML scalar: JSON strings are valid YAML."""
    return json.dumps(value, ensure_ascii=False)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--story", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--outlet", required=True, help="outlet id in eval/realnews/STORY/outlets.yaml")
    p.add_argument("--published", required=True, help="YYYY-MM-DD")
    p.add_argument("--basis", required=True, help="how the date is known: dateline, byline, url, inferred ...")
    p.add_argument("--title", default="")
    p.add_argument("--query", required=True)
    p.add_argument("--rank", required=True, type=int)
    p.add_argument("--text-file", required=True)
    a = p.parse_args()

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", a.id):
        sys.exit(f"bad id {a.id!r}: lowercase letters, digits and -")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.published):
        sys.exit(f"bad date {a.published!r}: YYYY-MM-DD")
    text = Path(a.text_file).read_text(encoding="utf-8").strip() + "\n"
    story_dir = ROOT / a.story
    story_dir.mkdir(parents=True, exist_ok=True)
    manifest = story_dir / "manifest.yaml"
    if manifest.exists() and re.search(rf"^- id: {re.escape(a.id)}$", manifest.read_text(), re.M):
        sys.exit(f"{a.id} is already in {manifest}")

    out = cache_dir() / a.story
    out.mkdir(parents=True, exist_ok=True)
    front = [
        "---",
        f"outlet: {a.outlet}",
        f"published: {a.published}",
        f"published_basis: {q(a.basis)}",
        f"title: {q(a.title or normalised(text)[:80])}",
        f"url: {q(a.url)}",
        "---",
        "",
    ]
    (out / f"{a.id}.md").write_text("\n".join(front) + text, encoding="utf-8")

    words = normalised(text).split(" ")[:8]
    entry = [
        f"- id: {a.id}",
        f"  url: {q(a.url)}",
        f"  outlet: {a.outlet}",
        f"  published: {a.published}",
        f"  published_basis: {q(a.basis)}",
        f"  query: {q(a.query)}",
        f"  rank: {a.rank}",
        f"  first_words: {q(' '.join(words))}",
        f"  sha256: {sha256(text)}",
        "",
    ]
    if not manifest.exists():
        manifest.write_text(f"# Items of the {a.story} story: texts live in the cache, not in git.\nitems:\n")
    with manifest.open("a", encoding="utf-8") as f:
        f.write("\n".join(entry))
    print(f"cached {out / (a.id + '.md')}; manifest entry added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
