# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Give ansible-test a pip bootstrap script that works without its download host.

ansible-test bootstraps pip into each virtual environment it creates with ``get-pip.py``,
downloaded from a host that only the package registry's mirror network can replace. It first
looks for a cached copy; this writes one that uses the interpreter's own ``ensurepip`` and then
installs the requested packages from the package index.
"""

from __future__ import annotations

import os
import pathlib
import re

import ansible_test

STUB = '''"""pip bootstrap for ansible-test: ensurepip, then the requested packages."""
import subprocess
import sys

args = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check"] + args)
if "--no-setuptools" in sys.argv[1:]:
    subprocess.call([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", "setuptools"])
'''


def pip_versions():
    """The pip versions this ansible-test bootstraps (read from its own source)."""
    source = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
    return sorted(set(re.findall(r"pip\s*=\s*'([0-9.]+)'", source.read_text(encoding="utf-8"))))


def main():
    cache = pathlib.Path(os.path.expanduser("~/.ansible/test/cache"))
    cache.mkdir(parents=True, exist_ok=True)
    for version in pip_versions():
        (cache / ("get_pip_%s.py" % version.replace(".", "_"))).write_text(STUB, encoding="utf-8")


if __name__ == "__main__":
    main()
