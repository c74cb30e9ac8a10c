#!/usr/bin/env bash
# `make demo`, run by tests/tools/with-simulator.sh: list the simulated account's numbers with
# examples/demo.yml, then audit it with ucops.zoom.audit.
# Usage: tests/tools/demo.sh VENV_BIN_DIR
set -euo pipefail

bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
echo "Zoom simulator at $ZOOMSIM_URL"

export ANSIBLE_COLLECTIONS_PATH="$root/.tmp/collections" ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_PYTHON_INTERPRETER="$bin/python"
"$bin/ansible-playbook" -i localhost, "$root/examples/demo.yml"

# The compliance audit of the same account (docs/audit.md): reports in ./zoom-phone-audit.
(cd "$root" && "$bin/ansible-playbook" ucops.zoom.audit)
echo
echo "Audit report: open $root/zoom-phone-audit/phone_numbers_audit.html in a browser"
echo "(phone_numbers_audit.md, .csv and .json are in the same folder)"
