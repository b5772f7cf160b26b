"""Every module imports on its own, as the first import of a fresh interpreter: an import cycle
that the test session hides (other tests import the modules in a kind order first) would otherwise
reach users as a page that is only a traceback."""

import subprocess
import sys

from dashboard.config import ROOT

PACKAGES = ("dashboard", "ui", "layers")

CHECK = """
import importlib, pkgutil, sys
packages = sys.argv[1:]
names = sorted(set(packages) | {m.name for p in packages for m in pkgutil.walk_packages([p], p + ".")})
for name in names:
    for loaded in [k for k in sys.modules if k.split(".")[0] in packages]:
        del sys.modules[loaded]  # each module first, as if it were the only one
    try:
        importlib.import_module(name)
    except Exception as err:
        print(name, type(err).__name__, err)
"""


def test_every_module_imports_first_in_a_fresh_interpreter():
    out = subprocess.run(
        [sys.executable, "-c", CHECK, *PACKAGES], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "", "modules that do not import first:\n" + out.stdout
