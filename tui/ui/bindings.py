"""Every binding of the app that has an id, found on the app and its screens and widgets."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode

APP_PACKAGE = "tui."


def _subclasses(cls: type[object]) -> list[type[object]]:
    found: list[type[object]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def binding_catalog() -> dict[str, Binding]:
    """Binding id -> its default Binding, for every class of the app that is imported.

    Walks the DOMNode classes defined in the ``tui`` package (the app, every screen and
    widget), reading only each class's own BINDINGS so an inherited one is listed once.
    The screens the app imports lazily (tui.ui.lazy_screens) are imported first, so
    their bindings are always listed.
    """
    from tui.ui.lazy_screens import load_all

    load_all()
    catalog: dict[str, Binding] = {}
    classes = sorted(
        {cls for cls in _subclasses(DOMNode) if cls.__module__.startswith(APP_PACKAGE)},
        key=lambda cls: (cls.__module__, cls.__qualname__),
    )
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                catalog.setdefault(binding.id, binding)
    return dict(sorted(catalog.items(), key=lambda item: (not item[0].startswith("app."), item[0])))
