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
# The scenario is named default: molecule always looks for a default scenario, and logs a
# CRITICAL line (harmless, but alarming) when there is none. Any CRITICAL line fails the run.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$bin/molecule" test -s default "$@" 2>&1 | tee "$log"
if grep -q CRITICAL "$log"; then
    echo "molecule logged a CRITICAL line (above); a run that passes must not alarm its reader" >&2
    exit 1
fi
