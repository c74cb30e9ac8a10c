# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the static documentation site of ucops.zoom (what `make docs` runs).

antsibull-docs renders a page for every plugin and role from their own documentation, the
Markdown guides of docs/ are added as they are (read by MyST), and Sphinx with the Ansible theme
turns both into one HTML folder. Links from a guide to files outside docs/ point to the
repository, so the site works on its own.

Usage: python tests/docs/build_site.py [--dest docs/_build/html] [--work docs/_build/site-src]
Run with the virtualenv of tests/requirements-docs.txt; the collection must be findable through
ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import annotations

import argparse
import os
import zlib
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
# The order of the guides in the navigation; guides not named here follow, by file name.
GUIDE_ORDER = (
    "getting-started", "authentication", "inventory", "audit", "controller", "troubleshooting",
    "performance", "reliability", "security", "number-management", "release-checklist",
)
LINK = re.compile(r"(\[[^\]]*\]\()([^)\s]+)(\))")

CONF_PY = '''# Sphinx configuration of the ucops.zoom documentation site, written by tests/docs/build_site.py.
project = {project!r}
copyright = 'ucops.zoom contributors'
title = {title!r}
html_short_title = {title!r}
html_title = {title!r}
extensions = ['sphinx.ext.intersphinx', 'sphinx_antsibull_ext', 'myst_parser']
source_suffix = {{'.rst': 'restructuredtext', '.md': 'markdown'}}
myst_heading_anchors = 3
pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'
html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
# Built offline: the few pages of Ansible's documentation that the generated pages point to
# come from a local inventory instead of being downloaded.
intersphinx_mapping = {{'ansible_devel': ('{ansible_docs}', 'ansible_devel.inv')}}
default_role = 'any'
exclude_patterns = ['_build']
# The Ansible lexer cannot colour some valid YAML (escaped quotes); Pygments then retries in a
# relaxed mode and the page is still right.
suppress_warnings = ['misc.highlighting_failure']
'''

ANTSIBULL_DOCS_CFG = '''breadcrumbs = true
indexes = true
use_html_blobs = false
add_antsibull_docs_version = false
collection_url = {
  * = "https://galaxy.ansible.com/ui/repo/published/{namespace}/{name}/"
}
collection_install = {
  * = "ansible-galaxy collection install {namespace}.{name}"
}
'''

ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"
# Labels of Ansible's documentation that antsibull-docs' templates refer to, and their pages.
ANSIBLE_LABELS = (
    ("ansible_configuration_settings", "reference_appendices/config.html", "Ansible Configuration Settings"),
    ("common_return_values", "reference_appendices/common_return_values.html", "Return Values"),
    ("collections_keyword", "collections_guide/collections_using_playbooks.html", "Using collections in a playbook"),
    ("list_of_collections", "collections/index.html", "Collection Index"),
    ("action_plugins", "plugins/action.html", "Action plugins"),
    ("callback_plugins", "plugins/callback.html", "Callback plugins"),
    ("list_of_callback_plugins", "collections/index_callback.html", "Index of all Callback Plugins"),
)

INDEX_RST = '''.. _docsite_root_index:

{title}
{underline}

{description}

Install it with ``ansible-galaxy collection install ucops.zoom`` and read :doc:`guides/getting-started` first.

.. toctree::
   :maxdepth: 1
   :caption: Guides

{guides}

.. toctree::
   :maxdepth: 2
   :caption: Reference

   collection/index
   collection/environment_variables
'''


def guide_names():
    """The Markdown guides of docs/, in navigation order."""
    names = sorted(path.stem for path in DOCS.glob("*.md") if path.stem.lower() != "readme")
    ordered = [name for name in GUIDE_ORDER if name in names]
    return ordered + [name for name in names if name not in ordered]


def repository_url():
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text(encoding="utf-8"))
    return galaxy["repository"].rstrip("/"), galaxy


def rewrite_links(text, repo_url):
    """Point links that leave docs/ (README, examples, extensions...) at the repository."""

    def replace(match):
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            return match.group(0)
        path, anchor = (target.split("#", 1) + [""])[:2]
        resolved = (DOCS / path).resolve()
        if resolved.parent == DOCS and resolved.suffix == ".md" and resolved.exists():
            return match.group(0)
        try:
            relative = resolved.relative_to(REPO)
        except ValueError:
            return match.group(0)
        kind = "tree" if resolved.is_dir() else "blob"
        url = "%s/%s/main/%s%s" % (repo_url, kind, relative.as_posix(), "#" + anchor if anchor else "")
        return match.group(1) + url + match.group(3)

    return LINK.sub(replace, text)


def write_ansible_inventory(path):
    """A Sphinx object inventory (version 2) of the Ansible documentation labels used by the pages."""
    lines = "".join("%s std:label -1 %s %s\n" % (name, uri, title) for name, uri, title in ANSIBLE_LABELS)
    header = "# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n" \
             "# The remainder of this file is compressed using zlib.\n"
    path.write_bytes(header.encode("utf-8") + zlib.compress(lines.encode("utf-8")))


def run(command, env):
    print("+ " + " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dest", default=str(DOCS / "_build" / "html"), help="the HTML folder to write")
    parser.add_argument("--work", default=str(DOCS / "_build" / "site-src"), help="a scratch folder for the sources")
    args = parser.parse_args()
    dest, work = pathlib.Path(args.dest).resolve(), pathlib.Path(args.work).resolve()
    bin_dir = pathlib.Path(sys.executable).parent
    env = dict(os.environ)
    env["PATH"] = "%s%s%s" % (bin_dir, os.pathsep, env.get("PATH", ""))
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", str(REPO / ".tmp" / "collections"))

    shutil.rmtree(work, ignore_errors=True)
    source = work / "rst"
    (source / "collection").mkdir(parents=True)
    # antsibull-docs insists that only it can write to its output folder.
    os.chmod(source / "collection", 0o755)
    (work / "antsibull-docs.cfg").write_text(ANTSIBULL_DOCS_CFG, encoding="utf-8")
    run([bin_dir / "antsibull-docs", "--config-file", work / "antsibull-docs.cfg", "collection", "--use-current",
         "--squash-hierarchy", "--dest-dir", source / "collection", "ucops.zoom"], env)

    repo_url, galaxy = repository_url()
    guides = guide_names()
    (source / "guides").mkdir()
    for name in guides:
        text = (DOCS / (name + ".md")).read_text(encoding="utf-8")
        (source / "guides" / (name + ".md")).write_text(rewrite_links(text, repo_url), encoding="utf-8")

    title = "%s.%s %s" % (galaxy["namespace"], galaxy["name"], "documentation")
    (source / "index.rst").write_text(INDEX_RST.format(
        title=title, underline="=" * len(title), description=" ".join(galaxy["description"].split()),
        guides="\n".join("   guides/" + name for name in guides)), encoding="utf-8")
    (work / "conf.py").write_text(CONF_PY.format(project="%s.%s" % (galaxy["namespace"], galaxy["name"]), title=title,
                                                 ansible_docs=ANSIBLE_DOCS), encoding="utf-8")
    write_ansible_inventory(source / "ansible_devel.inv")

    shutil.rmtree(dest, ignore_errors=True)
    run([bin_dir / "sphinx-build", "-b", "html", "-q", "-W", "--keep-going", "-d", work / "doctrees", "-c", work, source, dest],
        env)
    print("The documentation site is in %s (open index.html)." % dest)


if __name__ == "__main__":
    main()
