using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Implementations;

/// <summary>The untimed helpers and the machine kernels of native/ (fann_access.cpp, machine.cpp).</summary>
internal static unsafe partial class ShimNative
{
    [LibraryImport(NativeLibraries.Shim)]
    public static partial float* nb_fann_weights(nint ann);

    [LibraryImport(NativeLibraries.Shim)]
    public static partial nint nb_fann_create_train(uint count, uint inputs, uint outputs, float* x, float* y);

    [LibraryImport(NativeLibraries.Shim)]
    public static partial int nb_noop(int x);

    [LibraryImport(NativeLibraries.Shim)]
    public static partial float nb_fma_avx512(long iterations);

    [LibraryImport(NativeLibraries.Shim)]
    public static partial float nb_fma_avx2(long iterations);

    [LibraryImport(NativeLibraries.Shim)]
    public static partial int nb_has_avx512f();

    [LibraryImport(NativeLibraries.Shim)]
    public static partial int nb_has_fma();

    [LibraryImport(NativeLibraries.Shim)]
    public static partial nint nb_native_info();

    public static string NativeInfo()
    {
        NativeLibraries.EnsureLoaded();
        return Marshal.PtrToStringUTF8(nb_native_info()) ?? "?";
    }
}
