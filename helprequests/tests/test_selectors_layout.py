"""Reads never import services (issue #11): no module of helprequests/selectors, nor any
helprequests module they reach, imports a part of helprequests.services. Read from the source,
so that an import hidden inside a function counts too."""

import ast
from pathlib import Path

import helprequests

ROOT = Path(helprequests.__file__).parent.parent
SELECTORS = ROOT / "helprequests" / "selectors"
SERVICES = "helprequests.services"


def _module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(path, root=ROOT):
    """The absolute names `path` imports (`from x import y` counts both x and x.y)."""
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _path_of(name):
    """The file of a helprequests module, or None (a name inside a module, another app)."""
    if not name.startswith("helprequests"):
        return None
    relative = ROOT.joinpath(*name.split("."))
    for candidate in (relative / "__init__.py", relative.with_suffix(".py")):
        if candidate.exists():
            return candidate
    return None


def _reached_from_selectors():
    """{imported name: the module importing it} over the selectors and every helprequests
    module they import, directly or through another."""
    todo = sorted(SELECTORS.glob("*.py"))
    seen = set(todo)
    imports = {}
    while todo:
        path = todo.pop()
        for name in sorted(_imported(path)):
            imports.setdefault(name, _module_name(path, ROOT))
            target = None if _is_service(name) else _path_of(name)
            if target is not None and target not in seen:
                seen.add(target)
                todo.append(target)
    return imports


def _is_service(name):
    return name == SERVICES or name.startswith(SERVICES + ".")


def _services_among(imports):
    return {name: by for name, by in imports.items() if _is_service(name)}


def test_the_selectors_are_a_package_of_small_modules():
    modules = sorted(SELECTORS.glob("*.py"))
    assert len(modules) > 1
    for path in modules:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines < 400, f"{path.name}: {lines} lines"


def test_no_read_imports_a_service():
    imports = _reached_from_selectors()
    # The walk follows the package's own modules: the clock and the settings reader.
    assert {"helprequests.clocks", "helprequests.network_settings"} <= set(imports)
    assert not _services_among(imports), "reads importing services (name: imported by)"


def test_the_check_sees_a_service_import_relative_or_absolute(tmp_path):
    package = tmp_path / "helprequests" / "selectors"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .. import services\n")
    (package / "one.py").write_text("from ..services.common import lock\n")
    (package / "two.py").write_text("def f():\n    import helprequests.services.reminders\n")
    for name in ("__init__.py", "one.py", "two.py"):
        found = _services_among(dict.fromkeys(_imported(package / name, tmp_path), name))
        assert found, name
