"""The layers the folders show are the layers the imports follow.

``base`` ← ``rules`` ← ``claims`` ← ``calculation`` ← ``output`` ← ``payroll`` ← ``cli``/``web``:
a module imports from its own layer and the layers below it, never above (an import only
for type checkers, under ``if TYPE_CHECKING``, is a signature, not a dependency). The CLI
and the web page are thin layers over the public API: they import ``arvode`` itself, and the
CLI reaches the web stack only to start it (``arvode serve``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "arvode"
ORDER = ("base", "rules", "claims", "calculation", "output", "payroll", "cli", "web")
RANK = {layer: rank for rank, layer in enumerate(ORDER)}
#: What a thin layer may import besides the public ``arvode`` and its own package.
THIN = {"cli": {"arvode.web.server"}, "web": set()}


def _imports(path: Path) -> list[str]:
    """Modules imported at run time (``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for child in node.body for inner in ast.walk(child)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("arvode"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("arvode")]
    return found


def _modules(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ORDER)
def test_a_layer_imports_only_itself_and_the_layers_below(layer: str) -> None:
    wrong = []
    for path in _modules(layer):
        for module in _imports(path):
            parts = module.split(".")
            if len(parts) == 1:
                if layer not in THIN:
                    wrong.append(f"{path.relative_to(ROOT)}: import arvode (the public API is for the thin layers)")
                continue
            target = parts[1]
            if layer in THIN:
                if target != layer and module not in THIN[layer]:
                    wrong.append(f"{path.relative_to(ROOT)}: {module} (only the public API)")
            elif target in RANK and RANK[target] > RANK[layer]:
                wrong.append(f"{path.relative_to(ROOT)}: {module} (a layer above)")
    assert wrong == []


def test_every_module_is_in_a_layer() -> None:
    top = sorted(p.name for p in ROOT.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "testfall.py"]
    assert sorted(p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(ORDER)
