"""
`make lighthouse`: Lighthouse (mobile) with Debian's Chromium on the main page types in both languages.

Starts the browser suite's own site (tests/e2e/server.py: fresh database, seed content, demo event),
audits each page once, writes the scores to tests/lighthouse/scores.md (committed, so changes show up
in review) and scores.json, the full reports to tests/lighthouse/reports/ (git-ignored), and prints the
table. Performance depends on the machine's load; accessibility, best practices and SEO should not.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.browser import chromium_path
from tests.e2e.server import running_site

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
REPORTS = HERE / "reports"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

PAGES = {
    "home": "/{lang}/",
    "listing": "/{lang}/notices/",
    "article": "/{lang}/news/service-outsourcing-jan-apr-2024/",
    "event": "/{lang}/association-news/demo-event/",
    "join": "/{lang}/join/",
}
LANGUAGES = ["zh-hans", "en"]
# Same hardening as the browser suite; --headless=new is the headless mode Lighthouse supports.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"


def audit(url: str, name: str) -> dict:
    """Run Lighthouse on one URL (mobile form factor, its default); returns the JSON report."""
    output = REPORTS / name
    subprocess.run(  # noqa: S603 - our own pinned Lighthouse on our own server's URL
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            "--output=html",
            f"--output-path={output}",
        ],
        env={**os.environ, "CHROME_PATH": chromium_path()},
        check=True,
    )
    return json.loads(output.with_suffix(".report.json").read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    """Scores out of 100, and the failed audits of every category but performance (whose are hints)."""
    scores = {key: round((report["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    failed = {}
    for key in CATEGORIES[1:]:
        ids = [
            ref["id"]
            for ref in report["categories"][key]["auditRefs"]
            if ref["weight"] > 0 and report["audits"][ref["id"]]["score"] not in (None, 1)
        ]
        if ids:
            failed[key] = ids
    return {"scores": scores, "failed": failed, "lighthouse": report["lighthouseVersion"]}


def chromium_version() -> str:
    """'Chromium 156.0.8078.114' (the user agent Lighthouse records is reduced to 156.0.0.0)."""
    completed = subprocess.run(  # noqa: S603
        [chromium_path(), "--version"], capture_output=True, text=True, check=True
    )
    return " ".join(completed.stdout.split()[:2])


def markdown(results: dict[str, dict], lighthouse_version: str, chrome_version: str) -> str:
    lines = [
        "# Lighthouse scores (mobile)",
        "",
        f"Lighthouse {lighthouse_version}, {chrome_version}, on the browser suite's own site (`make lighthouse`).",
        "Performance is measured on whatever machine ran it and moves with its load; the other three should not.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " | failed audits (not performance) |",
        "| --- | " + " | ".join("---:" for _ in CATEGORIES) + " | --- |",
    ]
    for name, result in results.items():
        scores = " | ".join(str(result["scores"][key]) for key in CATEGORIES)
        failed = "; ".join(f"{key}: {', '.join(ids)}" for key, ids in result["failed"].items()) or "—"
        lines.append(f"| {name} `{result['path']}` | {scores} | {failed} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse` (it runs npm install in tests/lighthouse).")
        return 2
    REPORTS.mkdir(exist_ok=True)
    results: dict[str, dict] = {}
    with running_site() as site:
        for lang in LANGUAGES:
            for page, path in PAGES.items():
                name = f"{page}-{lang}"
                report = audit(site.base_url + path.format(lang=lang), name)
                results[name] = {"path": path.format(lang=lang), **summarise(report)}
                print(name, results[name]["scores"], flush=True)
    version = report["lighthouseVersion"]
    (HERE / "scores.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(results, version, chromium_version())
    (HERE / "scores.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
