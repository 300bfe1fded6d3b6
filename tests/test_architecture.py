"""The layering of DESIGN.md as import-linter contracts (pyproject.toml, [tool.importlinter]).

`make lint` runs `lint-imports`; these tests run the same contracts inside pytest and keep the
"records import nothing of dafu" contract naming every package, so a new one cannot slip past it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _siblings() -> set[str]:
    """Every top-level module and package of pipeline/, as import-linter names them."""
    names = {p.stem for p in (ROOT / "pipeline").glob("*.py") if p.stem != "__init__"}
    names |= {p.parent.name for p in (ROOT / "pipeline").glob("*/__init__.py")}
    return {f"pipeline.{name}" for name in names}


def _contract(name: str) -> dict[str, object]:
    return next(c for c in CONFIG["contracts"] if c["name"] == name)


def test_architecture_records_contract_names_every_package() -> None:
    forbidden = set(_contract("Records import nothing of dafu")["forbidden_modules"])  # type: ignore[call-overload]
    assert forbidden == _siblings() - {"pipeline.records"}


def test_architecture_contracts_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), "import-linter is a dev dependency: pip install -e '.[dev]'"
    proc = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in proc.stdout
