"""
The layers run one way: home is the base; news and membership build on it and never on each other; patches
(vendor patches) sits on home; site_cms gathers them all and no app imports it. Inside the base, the packages by
concern keep their "nevers", and no module of the project takes part in an import cycle. Checked on the source,
as a newcomer would read it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("home", "news", "membership", "surveys", "patches", "wechat", "site_cms")
# Which of our packages each one may import.
ALLOWED = {
    "home": {"home"},
    "news": {"home", "news"},
    "membership": {"home", "membership"},
    "surveys": {"home", "surveys"},
    "patches": {"home", "patches"},
    # WeChat sits above home and news (it makes articles); nothing but site_cms builds on it.
    "wechat": {"home", "news", "wechat"},
    "site_cms": set(PACKAGES),
}
# Inside the base: what a package by concern never imports. The plumbing (caching, security, operations, search)
# serves every screen and knows nothing of the admin's concerns; personal data and editorial know nothing of each
# other's screens; operations is the bottom (error pages, logging, the scheduler).
NEVERS = {
    "home.caching": {"home.editorial", "home.personal_data", "home.content", "home.security"},
    "home.security": {"home.editorial", "home.personal_data", "home.content", "home.navigation", "home.search"},
    "home.operations": {
        "home.caching",
        "home.content",
        "home.editorial",
        "home.navigation",
        "home.personal_data",
        "home.search",
        "home.security",
    },
    "home.search": {"home.caching", "home.editorial", "home.personal_data", "home.content", "home.navigation"},
    "home.personal_data": {"home.editorial", "home.content", "home.navigation"},
    "home.editorial": {"home.personal_data", "home.content"},
    "home.navigation": {"home.editorial", "home.personal_data", "home.content"},
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


# -- import cycles -------------------------------------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for _package, path in ALL_MODULES}


def imported_modules(name: str, path: Path) -> set[str]:
    """Every module of ours this one imports, at any level: top, TYPE_CHECKING blocks, functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        for target in targets:
            # Importing a.b.c runs a/__init__ and a/b/__init__ too: `from news.models.x import` reaches news.models.
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                prefix = ".".join(parts[:end])
                # A module's own packages are initialised before it anyway: no edge to them.
                if prefix in MODULES and prefix != name and not name.startswith(f"{prefix}."):
                    found.add(prefix)
    return found


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a cycle or several."""
    index, low, stack, on_stack, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def test_no_import_cycle_anywhere():
    assert import_cycles(GRAPH) == []


def test_the_cycle_check_finds_a_cycle():
    """The check itself: a made-up cycle through a TYPE_CHECKING import is found."""
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def concern(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "home" and len(parts) > 2 and (ROOT / "home" / parts[1]).is_dir():
        return f"home.{parts[1]}"
    return parts[0] if parts[0] != "home" else "home"


@pytest.mark.parametrize("package", sorted(NEVERS))
def test_the_base_packages_keep_their_nevers(package):
    offending = sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if concern(name) == package
        for target in targets
        if concern(target) in NEVERS[package]
    )
    assert offending == []


def test_the_base_keeps_few_modules_at_its_top_level():
    top = [path.name for path in (ROOT / "home").glob("*.py")]
    assert len(top) <= 25, sorted(top)


def test_no_two_module_names_differ_only_by_a_plural():
    names = {path.stem for path in ROOT.rglob("*.py") if ".venv" not in path.parts and "migrations" not in path.parts}
    clashes = sorted(name for name in names if f"{name}s" in names and name not in {"test"})
    assert clashes == []
