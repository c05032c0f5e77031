namespace NetGen.Determinism;

/// <summary>
/// The hashes <see cref="DeterminismRun.Run"/> must give on every platform, in its order. Recorded on x64 (.NET 10);
/// CI checks them on x64 with AVX-512, AVX2 and neither, linux-arm64, NativeAOT and WebAssembly
/// (tests/Determinism/README.md).
/// </summary>
public static class DeterminismExpected
{
    /// <summary>One hash per network of <see cref="DeterminismRun.Run"/>.</summary>
    public static readonly string[] Hashes =
    {
        "99496be7e6cbd876",
        "75717632e56d76fe",
        "01622ca443da6d24",
    };
}
