#!/usr/bin/env bash
# What Galaxy runs on an upload, offline: build the collection's tarball and import it with
# galaxy-importer (its own virtualenv, given as the first argument). Galaxy shows the importer's
# warnings on the collection's page and may refuse an upload over its errors, so any WARNING or
# ERROR line fails this check.
# Usage: tests/tools/galaxy-importer.sh IMPORTER_VENV_DIR
set -euo pipefail

venv=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Nothing from the checkout's own settings (collections path, ZOOM_*) reaches the importer.
unset ANSIBLE_COLLECTIONS_PATH ANSIBLE_HOME
export HOME="$scratch/home" PATH="$venv/bin:$PATH"
mkdir -p "$HOME" "$scratch/build"
cat > "$scratch/galaxy-importer.cfg" <<CFG
[galaxy-importer]
run_ansible_test = False
run_ansible_lint = True
offline_ansible_lint = True
check_changelog = True
ansible_local_tmp = $scratch/ansible-tmp
tmp_root_dir = $scratch
CFG
export GALAXY_IMPORTER_CONFIG="$scratch/galaxy-importer.cfg"

"$venv/bin/ansible-galaxy" collection build --output-path "$scratch/build" "$root" >/dev/null
tarball=$(ls "$scratch"/build/ucops-zoom-*.tar.gz)
(cd "$scratch" && "$venv/bin/python" -m galaxy_importer.main "$tarball") 2>&1 | tee "$scratch/import.log"
if grep -E -q "WARNING|ERROR|Traceback" "$scratch/import.log"; then
    echo "galaxy-importer reported the problems above; Galaxy would show them (or refuse the upload)." >&2
    exit 1
fi
grep -q "Importer processing completed successfully" "$scratch/import.log"
