#!/usr/bin/env bash
# System packages the tests need that PyPI cannot give: Debian's chromium for the browser
# tests. Installed when missing and we may (root); otherwise say what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium for the browser tests ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
    echo "NOTICE: chromium is not installed and cannot be installed here (needs root + apt-get);" >&2
    echo "        the browser tests will be skipped. Install it with: sudo apt-get install chromium" >&2
fi
