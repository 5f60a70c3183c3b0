#!/usr/bin/env bash
# System packages the tests need that PyPI cannot give: Debian's chromium for the browser tests,
# LibreOffice Writer (no GUI) to read a .doc and to write a .docx the package had no hand in, and
# LibreOffice Calc (no GUI), without which LibreOffice keeps an Excel object embedded in a .doc only
# as its picture. Installed when missing and we may (root); otherwise say what to do.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# Calc has no command of its own: its library beside soffice's program (read/doc.py looks for it too)
program=$(dirname "$(readlink -f "$(command -v soffice || echo /usr/lib/libreoffice/program/soffice)")")
ls "$program"/*sclo.* >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} for the tests ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "NOTICE: ${missing[*]} not installed and cannot be installed here (needs root + apt-get);" >&2
    echo "        the tests that need them are skipped. Install with: sudo apt-get install ${missing[*]}" >&2
fi
