#!/usr/bin/env python3
"""Check the cache of the development set against the manifests, or refill it.

    python3 eval/realnews/tools/regather.py --check
        lists every item whose text is missing from the cache or differs from the manifest's
        sha256 (of the whitespace-normalised text), story by story.

    python3 eval/realnews/tools/regather.py --from RESULTS.json [RESULTS.json ...]
        writes the cache file of every manifest item whose url is among the search results
        (the JSON the search tool returns for corpus `pages`: {"results": [{"url", "excerpt"}]}),
        with the item's front matter, and says whether its hash matches. Re-run each item's
        recorded `query` to get those results; the recorded `rank` says where it stood.

    python3 eval/realnews/tools/regather.py --item ID --text-file EXCERPT.txt
        writes one item's cache file from a text saved by hand (an excerpt copied from a
        search answer), with the item's front matter, and says whether its hash matches.

Texts that were trimmed of page furniture when gathered (a site's header lines, a search
index's "date YYYY-MM-DD" stamp) hash differently after a plain re-gather: trim the same
lines (the manifest's `first_words` shows where the text began) and run --check again.
"""
import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from add_item import ROOT, cache_dir, q, sha256  # noqa: E402


def manifests():
    for path in sorted(ROOT.glob("*/manifest.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("items") or []:
            yield path.parent.name, item


def body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[end + 5:]
    return text


def check() -> int:
    bad = 0
    for story, item in manifests():
        path = cache_dir() / story / f"{item['id']}.md"
        if not path.exists():
            print(f"{story}/{item['id']}: missing ({item['url']})")
            bad += 1
        elif sha256(body(path)) != item["sha256"]:
            print(f"{story}/{item['id']}: text differs from the manifest's sha256")
            bad += 1
    print(f"{bad} item(s) missing or different")
    return 1 if bad else 0


def refill(files) -> int:
    excerpts = {}
    for f in files:
        data = json.loads(Path(f).read_text(encoding="utf-8"))
        for r in data.get("results", []):
            excerpts[r["url"]] = r.get("excerpt", "")
    for story, item in manifests():
        text = excerpts.get(item["url"])
        if text is not None:
            write(story, item, text)
    return 0


def write_one(item_id: str, text_file: str) -> int:
    for story, item in manifests():
        if item["id"] == item_id:
            write(story, item, Path(text_file).read_text(encoding="utf-8"))
            return 0
    print(f"{item_id}: no such item in any manifest", file=sys.stderr)
    return 2


def write(story: str, item: dict, text: str) -> None:
    out = cache_dir() / story
    out.mkdir(parents=True, exist_ok=True)
    front = ["---", f"outlet: {item['outlet']}", f"published: {item['published']}",
             f"published_basis: {q(item['published_basis'])}", f"url: {q(item['url'])}", "---", ""]
    text = text.strip() + "\n"
    (out / f"{item['id']}.md").write_text("\n".join(front) + text, encoding="utf-8")
    same = "matches" if sha256(text) == item["sha256"] else "differs (trim furniture, see --help)"
    print(f"{story}/{item['id']}: written; sha256 {same}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true")
    p.add_argument("--from", dest="files", nargs="+")
    p.add_argument("--item", help="one item's id, with --text-file")
    p.add_argument("--text-file")
    a = p.parse_args()
    if a.item:
        if not a.text_file:
            p.error("--item needs --text-file")
        return write_one(a.item, a.text_file)
    if a.files:
        return refill(a.files)
    return check()


if __name__ == "__main__":
    sys.exit(main())
