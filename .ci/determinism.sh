#!/usr/bin/env bash
# The cross-platform determinism check (tests/Determinism/README.md) on the two platforms the test projects do not
# reach: NativeAOT (tests/NetGen.Determinism, published for linux-x64) and WebAssembly in headless Chromium
# (tests/NetGen.Determinism.Browser). Each must compute the recorded hashes of tests/Determinism/DeterminismExpected.cs;
# the x64 JIT (AVX-512, AVX2, neither) and linux-arm64 check the same in tests/NetGen.Tests (DeterminismTests).
# Installs Chromium from Debian when it is missing. Prints one closing line:
#   determinism: PASS (NativeAOT, WebAssembly)
# Environment: DETERMINISM_TIMEOUT (seconds to wait for the browser's report, default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
timeout_s=${DETERMINISM_TIMEOUT:-300}
fail() { echo "determinism: FAIL $*"; exit 1; }

work=$(mktemp -d)
server_pid=""
chromium_pid=""
cleanup() {
  if [ -n "$chromium_pid" ]; then kill "$chromium_pid" 2>/dev/null || true; wait "$chromium_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. NativeAOT.
echo "publishing tests/NetGen.Determinism (NativeAOT, linux-x64)"
if ! dotnet publish tests/NetGen.Determinism/NetGen.Determinism.csproj -c Release -r linux-x64 -o "$work/aot" -warnaserror -nologo -v q >"$work/aot.log" 2>&1; then
  cat "$work/aot.log"
  fail "dotnet publish tests/NetGen.Determinism failed"
fi
[ ! -e "$work/aot/NetGen.Determinism.dll" ] || fail "the publish produced a JIT app, not NativeAOT"
"$work/aot/NetGen.Determinism" | tee "$work/aot.txt" || true
grep -q "^determinism: PASS" "$work/aot.txt" || fail "NativeAOT computed other bits (above)"

# 2. WebAssembly. Chromium, quietly and only once.
bash .ci/install-chromium.sh || fail "could not install chromium"

echo "publishing tests/NetGen.Determinism.Browser (Blazor WebAssembly)"
if ! dotnet publish tests/NetGen.Determinism.Browser/NetGen.Determinism.Browser.csproj -c Release -o "$work/app" -p:CompressionEnabled=false -warnaserror -nologo -v q >"$work/publish.log" 2>&1; then
  cat "$work/publish.log"
  fail "dotnet publish tests/NetGen.Determinism.Browser failed"
fi

# The static file server (.ci/serve.py), which also takes the page's report: POST /determinism writes it to a file.
python3 .ci/serve.py "$work/app/wwwroot" "$work/port" "$work/browser.txt" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "the static file server did not start"

mkdir "$work/profile"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  "http://127.0.0.1:$(cat "$work/port")/" >"$work/chromium.log" 2>&1 &
chromium_pid=$!
for _ in $(seq "$timeout_s"); do [ -s "$work/browser.txt" ] && break; sleep 1; done
[ -s "$work/browser.txt" ] || { tail -5 "$work/chromium.log"; fail "no report from the browser after $timeout_s s"; }
cat "$work/browser.txt"
grep -q "^determinism: PASS" "$work/browser.txt" || fail "WebAssembly computed other bits (above)"
echo "determinism: PASS (NativeAOT, WebAssembly)"
