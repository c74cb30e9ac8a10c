#!/usr/bin/env bash
# Run a command against a Zoom simulator started here and stopped when the command ends.
#
# The command sees what a user would export for a real account (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID,
# ZOOM_CLIENT_SECRET, ZOOM_API_URL, ZOOM_OAUTH_URL), pointing at the simulator, a private
# ZOOM_TOKEN_CACHE, and ZOOMSIM_URL for the simulator's control endpoints (/_sim/...).
# Usage: tests/tools/with-simulator.sh VENV_BIN_DIR SIZE SEED command [arguments...]
set -euo pipefail

bin=$(cd "$1" && pwd)
size=$2
seed=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
stop_simulator() {
    local pid
    pid=$(cat "$scratch/pid" 2>/dev/null || true)
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap stop_simulator EXIT

PYTHONPATH="$root/tests/simulator" "$bin/python" -m zoomsim --size "$size" --seed "$seed" \
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
credentials=$("$bin/python" -c 'import json, sys, urllib.request
c = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/credentials"))
print(c["account_id"], c["client_id"], c["client_secret"])' "$url")
read -r account client secret <<<"$credentials"

export ZOOM_ACCOUNT_ID="$account" ZOOM_CLIENT_ID="$client" ZOOM_CLIENT_SECRET="$secret"
export ZOOM_API_URL="$url/v2" ZOOM_OAUTH_URL="$url/oauth/token" ZOOM_TOKEN_CACHE="$scratch/tokens"
export ZOOMSIM_URL="$url"
"$@"
