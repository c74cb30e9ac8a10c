#!/usr/bin/env bash
# Lists numbers with the module and the lookup against a Zoom simulator started for this target,
# and compares them with the simulator's ground truth. ansible-test runs this from a copy of the
# target, so the collection (and its simulator) is found through ANSIBLE_COLLECTIONS_PATH.
set -eux
root=""
IFS=: read -r -a paths <<<"${ANSIBLE_COLLECTIONS_PATH:-}"
for path in "${paths[@]}"; do
    if [ -x "$path/ansible_collections/ucops/zoom/tests/tools/with-simulator.sh" ]; then
        root="$path/ansible_collections/ucops/zoom"
        break
    fi
done
[ -n "$root" ] || { echo "ucops.zoom is not on ANSIBLE_COLLECTIONS_PATH" >&2; exit 1; }
python_bin=$(dirname "$(command -v python)")
"$root/tests/tools/with-simulator.sh" "$python_bin" 450 12 \
    ansible-playbook -i inventory.ini playbook.yml "$@"
