using System;
using System.Linq;
using NetGen.Determinism;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Deterministic = true: the cross-platform hashes (tests/Determinism), and what the generated code and the runtime
/// promise for it. This class runs wherever the runtime tests run: x64 (in CI with AVX-512, AVX2 and neither) and
/// linux-arm64 under QEMU; tests/NetGen.Determinism and tests/NetGen.Determinism.Browser run the same check under
/// NativeAOT and in WebAssembly.
/// </summary>
public class DeterminismTests
{
    [Fact]
    public void Training_gives_the_recorded_bits_on_this_platform()
    {
        bool same = DeterminismRun.Check(out string report);
        Assert.True(same, "The deterministic networks gave other bits here than the recorded ones (tests/Determinism/README.md):\n"
            + report + "new values for DeterminismExpected.Hashes, if the change is intended: "
            + string.Join(", ", DeterminismRun.Run().Select(r => "\"" + r.Hash + "\"")));
    }

    [Fact]
    public void Two_runs_in_one_process_agree()
    {
        Assert.Equal(DeterminismRun.Run(), DeterminismRun.Run());
    }

    [Fact]
    public void The_code_shape_says_deterministic()
    {
        Assert.Equal("unrolled, deterministic", ((INetworkInfo)new Det_Unrolled_Tanh_Sigmoid()).CodeShape);
        Assert.Equal("kernels, deterministic", ((INetworkInfo)new F_Det_24_8_2()).CodeShape);
        Assert.Equal("kernels, deterministic", ((INetworkInfo)new F_Det_Digits()).CodeShape);
    }

    [Fact]
    public void Deterministic_and_default_networks_agree_closely_but_the_deterministic_one_does_not_use_the_SIMD_path()
    {
        // Same declaration but Deterministic: the results are the same math (within rounding), from other code.
        var fast = new F_Vec_SE_24_8_2();
        var exact = new F_Det_24_8_2();
        fast.InitializeParameters(4);
        exact.InitializeParameters(4);
        Assert.Equal(fast.Parameters.ToArray(), exact.Parameters.ToArray());
        var rng = new Random(2);
        float[] x = Enumerable.Range(0, 24).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] y = { 0.25f, 0.75f };
        for (int step = 0; step < 50; step++)
        {
            fast.TrainStep(x, y, 0.1f);
            exact.TrainStep(x, y, 0.1f);
        }

        float[] a = fast.Parameters.ToArray(), b = exact.Parameters.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-4f * (1 + Math.Abs(a[i])), $"parameter {i}: {a[i]} vs {b[i]}");
        }
    }
}
