#!/usr/bin/env bash
# Issue 18's end-to-end measurement: Trainer.Fit on Fashion-MNIST with samples/FashionMnist's recipe against PyTorch's
# same recipe in Python on one thread, training time per epoch only (both sides), one after the other on this machine.
#
#   tests/NetGen.Benchmarks/fashion/compare.sh [DATA_DIR] [EPOCHS]
#
# DATA_DIR: the four Fashion-MNIST .gz files (default ../shared/data/fashion-mnist beside the repository; Debian's
# dataset-fashion-mnist has them). Needs python3-torch (Debian; installed here when missing, as root).
# OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, which this workplace sets for old OpenBLAS builds, are unset for PyTorch's run only
# (with them PyTorch's epoch took 0.62 instead of 0.47 s); PyTorch and OpenBLAS run on one thread, as NetGen does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
data="${1:-$repo/../shared/data/fashion-mnist}"
epochs="${2:-3}"
if [ ! -f "$data/train-images-idx3-ubyte.gz" ]; then
  echo "Fashion-MNIST not found in $data: pass its folder (Debian: apt-get install dataset-fashion-mnist)" >&2
  exit 1
fi
# PyTorch from Debian, with OpenBLAS as the system BLAS: without libopenblas0 the libblas.so.3 alternative is the
# reference BLAS, and PyTorch's epoch measured 5.3-5.9 s here instead of 0.47 s.
missing=()
/usr/bin/python3 -c "import torch" 2>/dev/null || missing+=(python3-torch)
dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q "install ok installed" || missing+=(libopenblas0-pthread)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
art="${NETGEN_BENCH_ARTIFACTS:-/tmp/art-bench}"
dotnet build "$here/../NetGen.Benchmarks.csproj" -c Release --artifacts-path "$art" -nologo -v quiet -warnaserror
dll="$art/bin/NetGen.Benchmarks/release/NetGen.Benchmarks.dll"
echo "uptime: $(uptime)"
netgen=$(dotnet "$dll" --fashion "$data" --epochs "$epochs" | tee /dev/stderr | grep '^netgen ')
pytorch=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "$here/pytorch_fashion.py" "$data" "$epochs" | tee /dev/stderr | grep '^pytorch ')
n=$(sed 's/.* median=\([0-9.]*\).*/\1/' <<<"$netgen")
p=$(sed 's/.* median=\([0-9.]*\).*/\1/' <<<"$pytorch")
python3 -c "print(f'fashion-mnist training time per epoch (median): NetGen {float(\"$n\"):.3f} s, PyTorch {float(\"$p\"):.3f} s; PyTorch / NetGen = {float(\"$p\")/float(\"$n\"):.2f}x')"
echo "uptime: $(uptime)"
