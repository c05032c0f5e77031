using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetGen.Benchmarks.Implementations;

/// <summary>
/// Loads the two native libraries once per process and resolves the [LibraryImport] names to them:
/// <c>floatfann</c> (Debian's libfloatfann.so.2, FANN 2.2 with fann_type = float) and <c>netgen_bench_native</c>
/// (native/*.cpp built by build-native.sh: the Eigen networks, FANN setup helpers, the FMA peak kernels).
/// </summary>
internal static class NativeLibraries
{
    public const string Fann = "floatfann";
    public const string Shim = "netgen_bench_native";

    private static readonly Lock s_lock = new();
    private static nint s_fann;
    private static nint s_shim;

    /// <summary>Path of the shim; set from --native or NETGEN_BENCH_NATIVE before the first call.</summary>
    public static string ShimPath { get; set; } =
        Environment.GetEnvironmentVariable("NETGEN_BENCH_NATIVE") ?? "/tmp/art-bench/native/libnetgen_bench_native.so";

    /// <summary>The shim's handle, for looking up the per-topology Eigen entry points.</summary>
    public static nint ShimHandle
    {
        get
        {
            EnsureLoaded();
            return s_shim;
        }
    }

    public static void EnsureLoaded()
    {
        lock (s_lock)
        {
            if (s_shim != 0)
            {
                return;
            }

            if (!File.Exists(ShimPath))
            {
                throw new FileNotFoundException(
                    $"The native benchmark library is missing: {ShimPath}. Build it with tests/NetGen.Benchmarks/build-native.sh " +
                    "(run.sh does), or pass --native PATH.", ShimPath);
            }

            // FANN first: the shim links against libfloatfann.so.2.
            s_fann = LoadFirst("libfloatfann.so.2", "libfloatfann.so");
            s_shim = NativeLibrary.Load(ShimPath);
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        Fann => s_fann,
        Shim => s_shim,
        _ => 0,
    };

    private static nint LoadFirst(params string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out nint handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"None of {string.Join(", ", names)} could be loaded: install FANN 2.2 (apt-get install -y libfann-dev; run.sh does).");
    }
}
