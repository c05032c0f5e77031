#!/usr/bin/env bash
# CI step: the runtime tests (tests/NetGen.Tests: gradient checks, reference agreement, kernels, every catalog network)
# on linux-arm64. tests/NetGen.Tests.Exe compiles the same test sources into a self-executing xunit.v3 program; it is
# published self-contained for linux-arm64 and run under QEMU user-mode emulation (natively on an arm64 machine).
# Same tests, same tolerances as on x64. Emulated run times say nothing about arm64 performance.
#
# Prints one dotnet-test-style line ("Passed!  - Failed: 0, Passed: N, ...", or "Failed!  - ...") that .ci/run's
# closing summary counts, and exits non-zero if a test failed or none ran.
# Needs (installed here when missing, Debian 12): qemu-user-static, and the arm64 libraries the .NET runtime loads
# (libc, libstdc++, OpenSSL: xunit.v3 hashes with SHA-256, ICU: globalization as on x64) from Debian's arm64 archive.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$SECONDS

native=false
[ "$(uname -m)" = aarch64 ] && native=true

# --- what the run needs (idempotent: nothing is fetched when everything is there) -----------------------------------
if ! $native; then
  packages=(qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64 libicu72:arm64)
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "arm64: installing ${missing[*]}"
    dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
    aptlog=$(mktemp)
    # Quiet unless it fails.
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$aptlog" 2>&1; then
      cat "$aptlog"; rm -f "$aptlog"; exit 1
    fi
    rm -f "$aptlog"
  fi
fi

# --- publish ----------------------------------------------------------------------------------------------------------
out=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$out" "$log"' EXIT
dotnet publish tests/NetGen.Tests.Exe/NetGen.Tests.Exe.csproj -c Release -r linux-arm64 --self-contained \
  -warnaserror -o "$out" -nologo -v quiet
echo "arm64: published in $((SECONDS - start)) s"

# --- run ----------------------------------------------------------------------------------------------------------------
run=("$out/NetGen.Tests.Exe" -noColor)
$native || run=(qemu-aarch64-static "${run[@]}")
ran=$SECONDS
status=0
# W^X double-maps JIT code pages, which QEMU user mode handles slowly; the test must see the architecture it was built for.
DOTNET_EnableWriteXorExecute=0 NETGEN_EXPECTED_ARCHITECTURE=Arm64 "${run[@]}" 2>&1 | tee "$log" || status=$?

# The in-process runner's summary: "NetGen.Tests.Exe  Total: N, Errors: E, Failed: F, Skipped: S, Not Run: R, Time: ..."
summary=$(grep -E '^ *NetGen\.Tests\.Exe +Total:' "$log" | tail -n 1 | tr -d ',' || true)
field() { awk -v k="$1" '{ for (i = 1; i <= NF; i++) if ($i == k) { print $(i+1); exit } }' <<<"$summary"; }
if [ -z "$summary" ]; then
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     0 - NetGen.Tests (linux-arm64): no test summary (runner exit $status)"
  exit 1
fi
total=$(field Total:); errors=$(field Errors:); failed=$(field Failed:); skipped=$(field Skipped:); notrun=$(field Run:)
failed=$((failed + errors))
passed=$((total - failed - skipped - notrun))
mode=$($native && echo native || echo "under QEMU")
if [ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; then word=Passed; else word=Failed; [ "$status" -ne 0 ] || status=1; fi
printf '%s!  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - NetGen.Tests (linux-arm64, %s, run %d s, step %d s)\n' \
  "$word" "$failed" "$passed" "$skipped" "$total" "$mode" $((SECONDS - ran)) $((SECONDS - start))
exit "$status"
