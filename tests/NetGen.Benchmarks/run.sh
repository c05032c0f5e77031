#!/usr/bin/env bash
# Benchmarks of issue 5: NetGen vs FANN 2.2 vs fixed-size Eigen vs plain C# arrays.
#
#   tests/NetGen.Benchmarks/run.sh            verify, then the short job (~3-5 min on 2 cores), then results.md
#   tests/NetGen.Benchmarks/run.sh --dry      verify, then BenchmarkDotNet's Dry job (~30 s once built; ~2 min with a fresh native build): CI's smoke test;
#                                             writes its report to the artifacts folder, never to results.md
#   tests/NetGen.Benchmarks/run.sh --verify   only the correctness check
#   tests/NetGen.Benchmarks/run.sh --checks   only the cost of the reliability checks beside TrainStep (docs/reliability.md)
#   tests/NetGen.Benchmarks/run.sh --optimizers  only an optimizer step over 784-128-10 (vectorised vs the old scalar loop)
#   tests/NetGen.Benchmarks/run.sh --vector128   only issue 15's comparison: TrainStep of 24-8-2, 30-16-2, 64-32-10, Vector128 code vs
#                                             the kernel shape, with DOTNET_EnableAVX2=0 (the harness runs itself again with it)
#   tests/NetGen.Benchmarks/run.sh --vector128-avx2  the same with AVX2 on (Vector256 code vs kernels), for context
#   extra arguments go to the harness, e.g. run.sh --topology 784-128-10 (see NetGen.Benchmarks --help)
#
# Everything it builds goes under $NETGEN_BENCH_ARTIFACTS (default /tmp/art-bench): the .NET build
# (--artifacts-path, so it never touches the repo's bin/obj or other people's builds), the native library,
# BenchmarkDotNet's artifacts. BenchmarkDotNet runs in-process (InProcessEmitToolchain): it builds nothing itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
art="${NETGEN_BENCH_ARTIFACTS:-/tmp/art-bench}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mode=short
args=()
for a in "$@"; do
  case "$a" in
    --dry) mode=dry ;;
    --verify) mode=verify ;;
    --short) mode=short ;;
    --checks) mode=checks ;;
    --optimizers) mode=optimizers ;;
    --vector128) mode=vector128 ;;
    --vector128-avx2) mode=vector128-avx2 ;;
    --deterministic) mode=deterministic ;;
    *) args+=("$a") ;;
  esac
done

# 1. Native dependencies (Debian packages): FANN 2.2, Eigen 3, a C++ compiler.
missing=()
dpkg -s libfann-dev >/dev/null 2>&1 || missing+=(libfann-dev)
dpkg -s libeigen3-dev >/dev/null 2>&1 || missing+=(libeigen3-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. The native library (Eigen networks, FANN helpers, FMA peak); rebuilt only when its sources change.
echo "building the native library (g++ -O3 -march=native; the first build takes a minute or two)"
lib="$("$here/build-native.sh" "$art/native")"

# 3. The harness, Release, into the private artifacts path.
dotnet build "$here/NetGen.Benchmarks.csproj" -c Release --artifacts-path "$art" -nologo -v quiet -warnaserror
dll="$art/bin/NetGen.Benchmarks/release/NetGen.Benchmarks.dll"

# 4. Verify, then benchmark, then the report.
echo "uptime before: $(uptime)"
case "$mode" in
  short) results="$here/results.md" ;;
  *) results="$art/bdn-$mode/results-$mode.md" ;;
esac
status=0
dotnet "$dll" "--$mode" --native "$lib" --artifacts "$art/bdn-$mode" --results "$results" ${args[@]+"${args[@]}"} || status=$?
echo "uptime after: $(uptime)"
if ((status != 0)); then
  echo "benchmarks: FAILED (exit $status)" >&2
  exit "$status"
fi
[[ "$mode" == verify ]] || echo "report: $results"
