#!/usr/bin/env bash
# Playwright drives Debian's Chromium: browser downloads do not work on our
# machines. Install it when missing and we can; otherwise say what to do.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[stack] installing Debian's chromium..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
if [ -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}" ] && ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}" | grep -q '^chromium'; then
  exit 0
fi
cat >&2 <<'MSG'
[stack] No Chromium found. Either install your distribution's package
(sudo apt-get install chromium) or, where downloads work, Playwright's own
(npx playwright install chromium), or point CHROMIUM_PATH at a Chromium binary.
MSG
exit 1
