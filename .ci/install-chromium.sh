#!/usr/bin/env bash
# Installs Debian's chromium when it is missing (root, or sudo), quietly; prints apt's log and exits 1 if that fails.
# Used by .ci/browser.sh and .ci/determinism.sh.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing chromium (apt-get)"
log=$(mktemp)
if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log"
  rm -f "$log"
  exit 1
fi
rm -f "$log"
