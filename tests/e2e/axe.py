"""axe-core (bundled with axe-playwright-python, so no CDN) on the current page; serious and critical only."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def blocking_violations(page) -> list[dict]:
    """Violations a disabled visitor hits hard: [{id, impact, help, targets: [css selector, …]}]."""
    results = _axe.run(page).response
    # A run that checked nothing (axe not injected, empty page) must not read as "no violations".
    assert results["passes"], f"axe-core passed no rule on {page.url}"
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [" ".join(map(str, node["target"])) for node in violation["nodes"]],
        }
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}" for v in violations)
