"""Page models get their context from their app's page_context module, one direction only.

The selectors import the page models; a model that imported the selectors (even inside a
method) would close an import circle. These tests keep the direction and make sure no page
type is left without its builder.
"""

import ast
import pathlib

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from home.context_builders import BuiltContext, builder_for

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Page models of each app that builds its pages' context in its page_context module.
PAGE_MODELS = {
    "home": sorted((ROOT / "home" / "models").glob("*.py")),
    "events": [ROOT / "events" / "models.py"],
    "surveys": [ROOT / "surveys" / "models.py"],
}


def imported_modules(path, app):
    """Every module a file of `app` imports, at module level or inside a function, made
    absolute (relative imports are taken as the app's own)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([app] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(
    ("app", "path"),
    [(app, path) for app, paths in PAGE_MODELS.items() for path in paths],
    ids=lambda value: value.name if isinstance(value, pathlib.Path) else value,
)
def test_no_page_model_module_imports_the_reads_of_its_app(app, path):
    reads = {f"{app}.selectors", f"{app}.page_context"}

    assert not imported_modules(path, app) & reads


def test_every_page_type_with_a_built_context_has_its_builder():
    built = [m for m in apps.get_models() if issubclass(m, BuiltContext)]

    assert built, "no page model uses BuiltContext"
    assert [m.__name__ for m in built if builder_for(m) is None] == []


def test_a_page_type_without_a_builder_fails_loudly():
    class Plain:
        def get_context(self, request):
            return {}

    class Orphan(BuiltContext, Plain):
        pass

    with pytest.raises(ImproperlyConfigured):
        Orphan().get_context(None)
