#!/usr/bin/env bash
# Optional benchmark (not in NetGen.sln, not run by CI): NetGen's batch path vs libtorch 2.10 (TorchSharp-cpu 0.107.0),
# one thread, batch 32, on 784-128-10 and 784-256-128-10: training step and inference. See README.md in this folder.
#
#   sudo tests/NetGen.Benchmarks/libtorch/run.sh            verify, then the short BenchmarkDotNet job, then the table
#   sudo tests/NetGen.Benchmarks/libtorch/run.sh --verify   only the check that both compute the same thing
#   sudo tests/NetGen.Benchmarks/libtorch/run.sh --dry      verify, then BenchmarkDotNet's Dry job (one invocation each)
#
# Needs root: TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32, newer than Debian 12's libstdc++ (3.4.30),
# so the program runs in a Debian trixie chroot made with debootstrap (installed with apt-get when missing; the chroot
# is made once, ~220 MB, about a minute, from deb.debian.org) into which the host's dotnet, the repository, the NuGet package cache and the build
# output are bind-mounted (read-only, except the output folder) at their own paths, with /proc, /sys and /dev.
# The mounts are undone on exit. The build itself runs on the host.
#
# Environment:
#   NETGEN_TRIXIE_ROOT         the chroot (default /var/tmp/netgen-trixie); made when missing
#   NETGEN_LIBTORCH_ARTIFACTS  the build output and BenchmarkDotNet's artifacts (default /tmp/art-libtorch);
#                              the table is also written to $NETGEN_LIBTORCH_ARTIFACTS/bdn/results.md
#   DEBIAN_MIRROR              debootstrap's mirror (default http://deb.debian.org/debian)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
root="${NETGEN_TRIXIE_ROOT:-/var/tmp/netgen-trixie}"
art="${NETGEN_LIBTORCH_ARTIFACTS:-/tmp/art-libtorch}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mode=--short
for a in "$@"; do
  case "$a" in
    --short|--verify|--dry) mode="$a" ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $a (see --help)" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "run.sh needs root: it creates a Debian trixie chroot with debootstrap, bind-mounts into it and runs chroot." >&2
  echo "Run it as: sudo $0 $*" >&2
  exit 1
fi

dotnet_host="$(command -v dotnet || true)"
if [[ -z "$dotnet_host" ]]; then
  echo "dotnet not found on PATH (with sudo: sudo env PATH=\"\$PATH\" $0)" >&2
  exit 1
fi
dotnet_host="$(readlink -f "$dotnet_host")"
dotnet_root="$(dirname "$dotnet_host")"

# 1. The build, on the host, into the private artifacts path.
echo "building (Release, --artifacts-path $art)"
dotnet build "$here/NetGen.LibTorch.csproj" -c Release --artifacts-path "$art" -nologo -v quiet -warnaserror
dll="$art/bin/NetGen.LibTorch/release_linux-x64/NetGen.LibTorch.dll"
[[ -f "$dll" ]] || { echo "build output not found: $dll" >&2; exit 1; }
nuget="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
nuget="${nuget%/}"

# 2. The Debian trixie chroot (once).
if [[ ! -f "$root/.netgen-trixie-ready" ]]; then
  if [[ -e "$root" && -n "$(ls -A "$root" 2>/dev/null)" ]]; then
    echo "$root exists but is not a finished chroot of this script: remove it or set NETGEN_TRIXIE_ROOT" >&2
    exit 1
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    echo "installing debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  echo "creating the Debian trixie chroot in $root (debootstrap --variant=minbase, about a minute)"
  debootstrap --variant=minbase trixie "$root" "$mirror" >"$art/debootstrap.log" 2>&1 || {
    echo "debootstrap failed, see $art/debootstrap.log" >&2
    exit 1
  }
  touch "$root/.netgen-trixie-ready"
fi

# 3. Mounts, undone on exit (in reverse order).
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || echo "could not unmount ${mounted[i]}" >&2
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bind() { # bind SOURCE [ro]: SOURCE at the same path inside the chroot
  local target="$root$1"
  if mountpoint -q "$target"; then
    echo "$target is already a mount point (left by an interrupted run?): unmount it first" >&2
    exit 1
  fi
  mkdir -p "$target"
  mount --bind "$1" "$target"
  mounted+=("$target")
  if [[ "${2:-}" == ro ]]; then
    mount -o remount,bind,ro "$target"
  fi
}
bind /proc
bind /sys ro
bind /dev
bind "$dotnet_root" ro
bind "$repo" ro
bind "$nuget" ro
mkdir -p "$art/bdn"
bind "$art"

# 4. Verify, then benchmark, in the chroot, on one thread. A clean environment: the host's variables (OPENBLAS_*,
# DOTNET_*) stay out, except the JIT's instruction-set switches DOTNET_Enable* (e.g. DOTNET_EnableAVX512=0 times
# NetGen's 256-bit kernels; libtorch's native code does not read them). No ICU in the minimal chroot: invariant
# globalization.
isa=()
while IFS='=' read -r name value; do
  [[ "$name" == DOTNET_Enable* ]] && isa+=("$name=$value")
done < <(env)
run_in_chroot() {
  chroot "$root" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TMPDIR=/tmp \
    DOTNET_ROOT="$dotnet_root" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "${isa[@]}" \
    "$@"
}
((${#isa[@]} == 0)) || echo "passed to the run: ${isa[*]}"
echo "chroot: $root ($(. "$root/etc/os-release" && echo "$PRETTY_NAME"))"
echo "uptime before: $(uptime)"
status=0
run_in_chroot "$dotnet_host" "$dll" "$mode" --artifacts "$art/bdn" || status=$?
echo "uptime after: $(uptime)"
if ((status != 0)); then
  echo "libtorch comparison: FAILED (exit $status)" >&2
  exit "$status"
fi
if [[ "$mode" != --verify ]]; then
  echo
  cat "$art/bdn/results.md"
fi
