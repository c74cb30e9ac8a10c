#!/usr/bin/env bash
# Make sure a headless-capable Chromium is installed for the HTML report check.
# CI runs as root on Debian; elsewhere, install the `chromium` package yourself.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: install the Debian package 'chromium' (needs root and apt-get)." >&2
    exit 1
fi
echo "Installing chromium with apt-get (once)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
