"""Saving folders atomically and refusing folders that could run code on load."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from newsstance.model.base import FORMAT_VERSION, MANIFEST, ModelLoadError
from newsstance.model.card import write_model_card

# Files whose loading can execute code (pickle and its relatives): never loaded, never accepted.
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib", ".bin", ".pt", ".pth", ".ckpt", ".dill")


# mkstemp/mkdtemp create private (0600/0700) entries; what we publish gets the modes a plain
# open()/mkdir() would give under this process's umask (read once, at import, single-threaded).
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE, FOLDER_MODE = 0o666 & ~_UMASK, 0o777 & ~_UMASK


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary sibling path to write; it replaces `target` only if the block completes."""
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)  # atomic on one filesystem: readers see the old file or the new
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str = "w", **open_kwargs):
    """A stream to a temporary sibling of `path` that replaces `path` only if the block completes."""
    with atomic_path(path) as temporary, open(temporary, mode, **open_kwargs) as stream:
        yield stream


def write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def save_atomically(directory: str | Path, write: Callable[[Path], None]) -> Path:
    """Run `write(tmp)` into a fresh sibling folder, then swap it into place.

    A crash during `write` leaves any previous model at `directory` untouched; the swap
    itself is two renames, and the old folder is removed only after the new one is in place.
    """
    target = Path(directory).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.saving-", dir=target.parent))
    try:
        os.chmod(staging, FOLDER_MODE)
        write(staging)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rmdir(retired)
            os.rename(target, retired)
            os.rename(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def write_manifest(folder: Path, kind: str, extra: dict | None = None) -> None:
    write_json(folder / MANIFEST, {"kind": kind, "format_version": FORMAT_VERSION, **(extra or {})})


def read_manifest(directory: str | Path) -> dict:
    """The folder's manifest, after checking it is a newsstance folder free of pickles."""
    folder = Path(directory)
    if not folder.is_dir():
        raise ModelLoadError(f"{folder}: no such model folder")
    pickles = sorted(p.name for p in folder.iterdir() if p.suffix.casefold() in PICKLE_SUFFIXES)
    if pickles:
        raise ModelLoadError(
            f"{folder}: refusing to load a folder holding pickle-format files ({', '.join(pickles)}); "
            "loading them could run code. newsstance saves only JSON, safetensors and skops files."
        )
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        other = "a Hugging Face model" if (folder / "config.json").exists() else "no newsstance model"
        raise ModelLoadError(f"{folder}: not a newsstance model folder ({MANIFEST} is missing; it holds {other})")
    check_files_readable(folder)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or "kind" not in manifest:
        raise ModelLoadError(f"{manifest_path}: no model kind recorded")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelLoadError(f"{manifest_path}: folder format version {version!r}; this newsstance reads "
                             f"version {FORMAT_VERSION} (save the model again with this version)")
    return manifest


def check_files_readable(folder: Path) -> None:
    """Every JSON and safetensors file of the folder opens, or an error names the file and the damage.

    Checked before any library reads them, so a damaged file is reported as ours to fix rather
    than as an exception from deep inside transformers or safetensors.
    """
    from safetensors import safe_open

    for path in sorted(folder.iterdir()):
        try:
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix == ".safetensors":
                with safe_open(str(path), framework="numpy") as weights:
                    weights.keys()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ModelLoadError(f"{folder}: {path.name} is unreadable ({error})") from None
        except Exception as error:  # safetensors raises its own SafetensorError for a damaged header
            raise ModelLoadError(f"{folder}: {path.name} is damaged ({type(error).__name__}: {error})") from None


def require_files(folder: Path, names: tuple[str, ...]) -> None:
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise ModelLoadError(f"{folder}: model folder is incomplete, missing {', '.join(missing)}")


def save_classifier_folder(classifier, directory: str | Path, metadata: dict | None,
                           write_weights: Callable[[Path], None], manifest_extra: dict | None = None) -> Path:
    """The folder every model writes: its own weights, then the manifest, model card and
    training config beside them, swapped into place atomically."""

    def write(folder: Path) -> None:
        write_weights(folder)
        write_manifest(folder, classifier.kind, manifest_extra)
        write_model_card(folder, classifier, metadata or {}, Path(directory).name)
        if metadata:
            write_json(folder / "training_config.json", metadata.get("training_config", {}))

    return save_atomically(directory, write)
