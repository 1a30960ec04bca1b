"""newsstance installs one import name: nothing generic on the user's path, nothing shadowed by theirs."""

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

GENERIC_NAMES = ("data", "model", "training", "eval")


def run_python(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_generic_layer_names_are_not_importable_once_newsstance_is_installed(tmp_path):
    code = ("import importlib.util, json; "
            f"print(json.dumps([n for n in {GENERIC_NAMES!r} if importlib.util.find_spec(n) is not None]))")
    completed = run_python(code, tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == []


def test_a_project_with_its_own_model_and_data_modules_still_predicts(tmp_path):
    (tmp_path / "model.py").write_text("WHO = 'the user'\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "__init__.py").write_text("WHO = 'the user'\n")
    code = """
import model, data
from newsstance import TfidfClassifier
from tiny import texts_and_labels
texts, labels = texts_and_labels()
classifier = TfidfClassifier(cv_folds=2).fit(texts, labels)
print(json.dumps([model.WHO, data.WHO, classifier.predict(["The ministry denied the report."])[0]]))
"""
    shutil.copy(Path(__file__).with_name("tiny.py"), tmp_path / "tiny.py")
    completed = run_python("import json\n" + code, tmp_path)
    assert completed.returncode == 0, completed.stderr
    user_model, user_data, label = json.loads(completed.stdout.splitlines()[-1])
    assert user_model == user_data == "the user"
    assert label in ("assert", "deny", "hedge")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("wheel")
    completed = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                                "--quiet", "-w", str(out), str(root)], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    (path,) = out.glob("newsstance-*.whl")
    return path


def test_the_wheel_holds_only_the_newsstance_package_at_the_top(wheel):
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"newsstance"}


def test_the_wheel_carries_the_layers_the_corpora_and_the_seed_articles(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for layer in GENERIC_NAMES:
        assert f"newsstance/{layer}/__init__.py" in names
    assert any(n.startswith("newsstance/data/authored/") and n.endswith(".jsonl") for n in names)
    assert any(n.startswith("newsstance/data/seed_articles/") and n.endswith(".txt") for n in names)
