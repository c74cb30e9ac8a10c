# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release checks: the collection as Galaxy ships it, installed from its tarball, and the EE built from it."""

from __future__ import annotations

import glob
import os
import pathlib
import subprocess
import sys
import tarfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

BIN = pathlib.Path(sys.executable).parent


def clean_env(home, **extra):
    """An environment with nothing from the checkout: no ZOOM_*, no ANSIBLE_*, no PYTHONPATH."""
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("ZOOM_", "ANSIBLE_")))
    env.pop("PYTHONPATH", None)
    env.update({
        "PATH": "%s%s%s" % (BIN, os.pathsep, os.environ.get("PATH", "")),
        "HOME": str(home),
        "ANSIBLE_LOCAL_TEMP": str(pathlib.Path(home) / "tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
    })
    env.update(extra)
    return env


def run(command, env, cwd=None, check=True):
    completed = subprocess.run([str(part) for part in command], env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if check:
        assert completed.returncode == 0, "%s failed (rc %d):\n%s\n%s" % (
            " ".join(str(part) for part in command), completed.returncode, completed.stdout[-4000:], completed.stderr[-4000:])
    return completed


class Installed:
    """The built tarball, its member names, and where it was installed."""

    def __init__(self, tarball, members, collections, home, build_output):
        self.tarball = tarball
        self.members = members
        self.collections = collections
        self.root = collections / "ansible_collections" / "ucops" / "zoom"
        self.home = home
        self.build_output = build_output

    def env(self, **extra):
        return clean_env(self.home, ANSIBLE_COLLECTIONS_PATH=str(self.collections), **extra)


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """``ansible-galaxy collection build`` of the checkout, installed offline into an empty collections path."""
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("dist")
    built = run([BIN / "ansible-galaxy", "collection", "build", "--output-path", out, REPO], clean_env(home))
    (tarball,) = glob.glob(str(out / "ucops-zoom-*.tar.gz"))
    with tarfile.open(tarball) as archive:
        members = sorted(member.name for member in archive.getmembers() if member.isfile())
    collections = tmp_path_factory.mktemp("collections")
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "-p", collections, tarball], clean_env(home))
    return Installed(pathlib.Path(tarball), members, collections, home, built.stdout + built.stderr)
