"""Optional dependencies (the `int8` and `plots` extras), imported when first needed."""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtraError(ImportError):
    """A feature needs a package of an extra that is not installed; says which to install."""


def import_extra(module: str, extra: str, feature: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(f"{feature} needs {module.split('.')[0]}, from the '{extra}' extra: "
                                f"pip install 'newsstance[{extra}]'") from None
