#!/usr/bin/env python3
"""Rebuilds demo/papers and demo/ATTRIBUTION.md from ../shared/corpus/MANIFEST.csv.

Only CC BY and CC0 files are bundled (never NC or ND). Run from the repository root:
    python3 scripts/make-demo-data.py
"""
import csv
import os
import re
import shutil
import xml.etree.ElementTree as ET

CORPUS = os.path.join("..", "shared", "corpus")
OUT = os.path.join("demo", "papers")
# Every openly licensed paper of these folders (about 200, 2004–2025): real denominators for the trend charts.
FOLDERS = ["plos", "biorxiv", "dl", "mixed"]


def allowed(licence: str) -> bool:
    text = licence.lower()
    if "nc" in re.split(r"[^a-z]+", text) or "nd" in re.split(r"[^a-z]+", text) or "-nc" in text or "-nd" in text:
        return False
    return "cc by" in text or "cc0" in text or "licenses/by/" in text or "publicdomain/zero" in text


def is_notice(row: dict) -> bool:
    """Corrections and retractions are notices, not papers: poor demo material."""
    return "correction" in row["path"] or row["title"].lower().startswith(("retraction", "correction", "expression of concern"))


def authors(path: str) -> str:
    try:
        if path.endswith(".xml"):
            # Parsing without DTD resolution: ElementTree never fetches external entities.
            root = ET.parse(path).getroot()
            names = []
            for contrib in root.iter("contrib"):
                if contrib.get("contrib-type") != "author":
                    continue
                name = contrib.find("name")
                if name is None:
                    continue
                given = name.findtext("given-names") or ""
                surname = name.findtext("surname") or ""
                names.append(f"{given} {surname}".strip())
            return ", ".join(names[:6]) + (" et al." if len(names) > 6 else "")
        if path.endswith(".md"):
            text = open(path, encoding="utf-8").read()
            front = text.split("---")[1] if text.startswith("---") else ""
            block = front.split("authors:", 1)[1].split("affiliations:", 1)[0] if "authors:" in front else ""
            names = re.findall(r"^\s*-\s*name:\s*(.+)$", block, re.M)
            return ", ".join(n.strip().strip('"') for n in names[:6]) + (" et al." if len(names) > 6 else "")
    except (ET.ParseError, OSError, IndexError):
        pass
    return ""


def main() -> None:
    rows = list(csv.DictReader(open(os.path.join(CORPUS, "MANIFEST.csv"), encoding="utf-8")))
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    chosen = []
    for folder in FOLDERS:
        candidates = [r for r in rows if r["path"].startswith(folder + "/") and allowed(r["licence"]) and not is_notice(r)]
        candidates.sort(key=lambda r: (r["year"], r["path"]))
        chosen += candidates
    lines = [
        "# Demo papers: attribution",
        "",
        "The files in `demo/papers/` are copied unmodified from the project's test corpus (`../shared/corpus`),",
        "which copied them byte for byte from the public sources below. Each is licensed CC BY or CC0;",
        "no NC or ND file is bundled. They are ingested on the dashboard's first start as demo data.",
        "",
        "| File | Title | Authors | DOI | Licence | Source |",
        "|---|---|---|---|---|---|",
    ]
    for row in chosen:
        source = os.path.join(CORPUS, row["path"])
        name = os.path.basename(row["path"])
        shutil.copyfile(source, os.path.join(OUT, name))
        doi = f"[{row['doi']}](https://doi.org/{row['doi']})" if row["doi"] else ""
        cells = [name, row["title"], authors(source), doi, row["licence"], row["source"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    with open(os.path.join("demo", "ATTRIBUTION.md"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(f"{len(chosen)} papers copied to {OUT}")


if __name__ == "__main__":
    main()
