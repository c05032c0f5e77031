#!/usr/bin/env bash
# Builds the native side of the benchmark (the fixed-size Eigen networks, FANN setup helpers, FMA peak kernel) into
# one shared library: build-native.sh [OUTPUT_DIR]  (default /tmp/art-bench/native). Prints the library's path.
# Needs g++, libeigen3-dev and libfann-dev (run.sh installs them). The objects compile in parallel, one per core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/tmp/art-bench/native}"
mkdir -p "$out"
lib="$out/libnetgen_bench_native.so"
cxxflags="-O3 -march=native -DNDEBUG -std=c++17 -fPIC"
# Rebuild only when a source, this script or the compiler flags changed.
stamp="$out/.stamp"
want="$(cat "$here"/native/*.cpp "$0" | sha256sum | cut -c1-16) $cxxflags $(g++ -dumpfullversion)"
if [[ -f "$lib" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$lib"
  exit 0
fi
rm -f "$stamp" "$out"/*.o
export here out cxxflags
# eigen_nets.cpp once per topology (NB_PART=0..5), then the two small files.
compile() {
  local src="$1" part="$2" obj
  obj="$out/$(basename "$src" .cpp)${part:+-$part}.o"
  # shellcheck disable=SC2086
  g++ $cxxflags -I/usr/include/eigen3 ${part:+-DNB_PART=$part} -DNB_CXXFLAGS="\"$cxxflags\"" -c "$src" -o "$obj" 1>&2
}
export -f compile
{
  for part in 5 4 3 2 1 0; do echo "$here/native/eigen_nets.cpp $part"; done
  echo "$here/native/fann_access.cpp"
  echo "$here/native/machine.cpp"
} | xargs -P "$(nproc)" -L 1 bash -c 'compile "$0" "${1:-}"'
g++ -shared -o "$lib" "$out"/*.o -lfloatfann -Wl,--no-undefined 1>&2
echo "$want" > "$stamp"
echo "$lib"
