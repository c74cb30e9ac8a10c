#!/usr/bin/env bash
# `make demo`: start the Zoom simulator, run examples/demo.yml against it, stop the simulator.
# Usage: tests/tools/demo.sh VENV_BIN_DIR
set -euo pipefail

bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'kill "$(cat "$scratch/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$scratch"' EXIT

PYTHONPATH="$root/tests/simulator" "$bin/python" -m zoomsim --size "${DEMO_SIZE:-3000}" --seed 7 \
    --url-file "$scratch/url" --pid-file "$scratch/pid" >"$scratch/log" 2>&1 &
for _ in $(seq 1 100); do
    [ -s "$scratch/url" ] && break
    sleep 0.1
done
if [ ! -s "$scratch/url" ]; then
    echo "The simulator did not start:" >&2
    cat "$scratch/log" >&2
    exit 1
fi
url=$(head -n 1 "$scratch/url")
echo "Zoom simulator with ${DEMO_SIZE:-3000} numbers at $url"

# What a user exports for a real account; here the simulator's credentials.
export ZOOM_ACCOUNT_ID=sim-account ZOOM_CLIENT_ID=sim-client ZOOM_CLIENT_SECRET=sim-secret
export ZOOM_API_URL="$url/v2" ZOOM_OAUTH_URL="$url/oauth/token" ZOOM_TOKEN_CACHE="$scratch/tokens"
export ANSIBLE_COLLECTIONS_PATH="$root/.tmp/collections" ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_PYTHON_INTERPRETER="$bin/python"
"$bin/ansible-playbook" -i localhost, "$root/examples/demo.yml"
