#!/usr/bin/env bash
# The molecule scenario of the audit role, run by tests/tools/with-simulator.sh (which starts the
# simulator and exports ZOOM_* and ZOOMSIM_URL).
# Usage: tests/audit/run-molecule.sh VENV_BIN_DIR [molecule test arguments...]
set -euo pipefail

bin=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
# Molecule installs the collection under ANSIBLE_HOME: keep that inside the (git-ignored) checkout.
export ANSIBLE_HOME="$root/.ansible"
export PATH="$bin:$PATH"
cd "$root"
"$bin/molecule" test -s phone_numbers_audit "$@"
