"""
The layers run one way: home is the base; news and membership build on it and never on each other;
site_cms gathers them all and no app imports it. Checked on the source, as a newcomer would read it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("home", "news", "membership", "surveys", "wechat", "site_cms")
# Which of our packages each one may import.
ALLOWED = {
    "home": {"home"},
    "news": {"home", "news"},
    "membership": {"home", "membership"},
    "surveys": {"home", "surveys"},
    # WeChat sits above home and news (it makes articles); nothing but site_cms builds on it.
    "wechat": {"home", "news", "wechat"},
    "site_cms": set(PACKAGES),
}
APPS = ("home", "news", "membership", "surveys", "wechat")
MAX_MODULE_LINES = 500
# A model label or dotted path of an upper layer, in a string ("news.SectionPage", "membership.models").
UPPER_LAYER_STRING = re.compile(r"^(news|membership|surveys|wechat)\.[A-Za-z_]")


def modules(package: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts and "tests" not in path.parts
    ]


def imported_packages(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def imports_inside_functions(tree: ast.Module) -> list[ast.AST]:
    """Imports in a function body, except in AppConfig.ready() (the one Django reason for a late import)."""
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) and function.name != "ready":
            found += [node for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)]
    return found


ALL_MODULES = [(package, path) for package in PACKAGES for path in modules(package)]


@pytest.mark.parametrize(("package", "path"), ALL_MODULES, ids=[str(p.relative_to(ROOT)) for _pkg, p in ALL_MODULES])
def test_imports_follow_the_layers(package, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours = [
        (node.lineno, name)
        for node in ast.walk(tree)
        for name in imported_packages(node)
        if name in PACKAGES and name not in ALLOWED[package]
    ]
    assert ours == [], f"{path.relative_to(ROOT)} imports against the layering: {ours}"


@pytest.mark.parametrize(("package", "path"), ALL_MODULES, ids=[str(p.relative_to(ROOT)) for _pkg, p in ALL_MODULES])
def test_no_app_imports_inside_functions(package, path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offending = []
    for node in imports_inside_functions(tree):
        relative = isinstance(node, ast.ImportFrom) and node.level > 0
        if relative or any(name in PACKAGES for name in imported_packages(node)):
            offending.append(node.lineno)
    assert offending == [], f"{path.relative_to(ROOT)}: imports inside functions at lines {offending}"


@pytest.mark.parametrize("path", modules("home"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_base_names_no_model_of_the_apps_built_on_it(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and UPPER_LAYER_STRING.match(node.value)
    ]
    assert strings == [], f"{path.relative_to(ROOT)} names upper-layer models: {strings}"


def test_modules_stay_small():
    long = {
        str(path.relative_to(ROOT)): count
        for _package, path in ALL_MODULES
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_migrations_reference_blocks_where_they_live():
    """StreamField blocks moved to the base: no migration may point at the old module (no shim left)."""
    for app in APPS:
        for migration in (ROOT / app / "migrations").glob("0*.py"):
            assert "news.blocks" not in migration.read_text(encoding="utf-8"), migration
    assert not (ROOT / "news" / "blocks.py").exists()
