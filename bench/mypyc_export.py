"""Compile dafu's pure-Python extraction modules with mypyc, in place, in an export (never a checkout).

    git archive HEAD | tar -x -C /tmp/speed_all
    cd /tmp/speed_all && /work/main/.venv/bin/python bench/mypyc_export.py            # the 54 modules
    cd /tmp/speed_link && .../python bench/mypyc_export.py pipeline/linking/*.py       # a chosen set
    cd /tmp/speed_final && .../python bench/mypyc_export.py --final                    # + constants Final

Measured in bench/README.md, "Throughput, session 15: compiling with mypyc" (not built by the project:
the gain was below the 15 % asked). mypyc writes a ``.so`` beside each compiled ``.py`` (an import
then takes the ``.so``) and one shared library, ``<hash>__mypyc.*.so``, at the export's top: a ``.so``
left in a checkout would shadow its edited ``.py``, hence exports only.

The ``mypyc`` command cannot be used as it is: it runs ``setup()``, which validates pyproject.toml with
the venv's setuptools (65.5, older than the PEP 639 ``license = "MIT"``) and stops. Here ``mypycify``
makes the extensions and setuptools' ``build_ext`` builds them without reading pyproject.toml.

Left as Python: the ``lexicon.py`` modules (pydantic models whose ``model_validator`` functions a
compiled class turns into builtins pydantic cannot inspect: ``ValueError: no signature found for
builtin``); they only load the lexicons, once.

``--final`` first annotates each module-level constant (``NAME = …`` or ``NAME: T = …``, upper-case,
assigned once at top level, never ``global``) as ``Final``, so that compiled code reads it from a C
static instead of looking it up in the module's dict at every use.
"""

from __future__ import annotations

import argparse
import ast
import re
import time
from pathlib import Path

PACKAGES = ("linking", "quantities", "structure", "reply", "entities")
CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def default_modules() -> list[str]:
    """Every module of the extraction stages but the lexicon loaders (pydantic)."""
    found = [p for pkg in PACKAGES for p in sorted(Path("pipeline", pkg).rglob("*.py")) if p.name != "lexicon.py"]
    return [str(p) for p in found]


def _stored_names(node: ast.stmt) -> list[str]:
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]


def finalize(path: Path) -> int:
    """Annotate the module-level constants of ``path`` as Final; how many."""
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    stores: dict[str, int] = {}
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for name in _stored_names(node):
                stores[name] = stores.get(name, 0) + 1
    declared = {n for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal)) for n in node.names}
    lines = src.splitlines(keepends=True)
    done = 0
    for node in reversed(tree.body):
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
            node, "target", None) if isinstance(node, ast.AnnAssign) and node.value is not None else None
        if not isinstance(target, ast.Name):
            continue
        name = target.id
        if not CONSTANT.match(name) or stores.get(name) != 1 or name in declared:
            continue
        line, col = lines[node.lineno - 1], node.col_offset
        if isinstance(node, ast.Assign):
            lines[node.lineno - 1] = line[:col] + name + ": Final" + line[col + len(name):]
        else:
            assert isinstance(node, ast.AnnAssign)
            annotation = ast.get_source_segment(src, node.annotation) or ""
            if "Final" in annotation or "TypeAlias" in annotation or node.annotation.end_lineno != node.lineno:
                continue
            start = line.index(":", col)
            assert line[start:].startswith(": " + annotation), (path, line)
            lines[node.lineno - 1] = line[:start] + f": Final[{annotation}]" + line[start + 2 + len(annotation):]
        done += 1
    if done:
        out = "".join(lines)
        if not re.search(r"^from typing import .*\bFinal\b", out, re.M):
            future = re.search(r"^from __future__ import annotations\n", out, re.M)
            at = future.end() if future else 0
            out = out[:at] + "\nfrom typing import Final\n" + out[at:]
        path.write_text(out, encoding="utf-8")
    return done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("modules", nargs="*", help="paths of the modules to compile (default: the 54)")
    ap.add_argument("--final", action="store_true", help="annotate module-level constants Final first")
    ap.add_argument("--jobs", type=int, default=2, help="C compilations at once")
    args = ap.parse_args()
    if Path(".git").exists():
        raise SystemExit("mypyc_export: run this in a `git archive` export, not a checkout (stale .so files)")
    modules = args.modules or default_modules()
    if args.final:
        print(f"Final: {sum(finalize(Path(m)) for m in modules)} constants")
    from mypyc.build import mypycify  # mypy's, a dev dependency
    from setuptools import Distribution

    started = time.perf_counter()
    extensions = mypycify(["--config-file", "pyproject.toml", *modules], opt_level="3")
    print(f"mypyc: {len(modules)} modules to C in {time.perf_counter() - started:.0f} s", flush=True)
    dist = Distribution({"name": "dafu-mypyc", "ext_modules": extensions})
    build = dist.get_command_obj("build_ext")
    build.inplace, build.parallel = True, args.jobs  # type: ignore[attr-defined]
    dist.run_command("build_ext")
    print(f"built in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
