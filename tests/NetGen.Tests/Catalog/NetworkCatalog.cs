using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// One generated network type under test: a factory, and its declaration read back from its own
/// <see cref="NetworkAttribute"/> (so the reference network is built from exactly what the user wrote).
/// </summary>
internal sealed class NetworkCase<T>
    where T : unmanaged
{
    public NetworkCase(string name, Func<INetwork<T>> create, NetworkAttribute spec)
    {
        Name = name;
        Create = create;
        Spec = spec;
    }

    public string Name { get; }

    public Func<INetwork<T>> Create { get; }

    public NetworkAttribute Spec { get; }

    public ReferenceNetwork Reference => ReferenceNetwork.From(Spec);

    /// <summary>
    /// Whether the generator chose the loop shape: more than <see cref="NetworkCatalog.UnrollLimit"/> parameters, or (single
    /// precision) a layer at least <see cref="NetworkCatalog.VectorBlock"/> units wide on both sides.
    /// </summary>
    public bool IsLoopShape =>
        Reference.ParameterCount > NetworkCatalog.UnrollLimit
        || (Spec.Precision == Precision.Single && Spec.Sizes.Zip(Spec.Sizes.Skip(1), (i, o) => i >= NetworkCatalog.VectorBlock && o >= NetworkCatalog.VectorBlock).Any(b => b));

    /// <summary>The declaration, e.g. <c>[Network(3, 5, 2, Hidden = Tanh, Output = Softmax, Loss = SquaredError, Bias = true, Double)]</c>.</summary>
    public string Description =>
        $"{Name}: [Network({string.Join(", ", Spec.Sizes)}, {(Spec.Activations is { } a ? "Activations = " + string.Join("/", a) : $"Hidden = {Spec.Hidden}, Output = {Spec.Output}")}, Loss = {Spec.Loss}, Bias = {Spec.Bias}, {Spec.Precision})]"
        + (IsLoopShape ? " (loop shape)" : " (unrolled)");

    public override string ToString() => Name;
}

/// <summary>The table of every network declared in Networks.cs, for [Theory] tests (the test case is the type name).</summary>
internal static class NetworkCatalog
{
    /// <summary>The generator's unroll limit (Planning/ShapePolicy.cs): larger networks are emitted as loops.</summary>
    public const int UnrollLimit = 512;

    /// <summary>The generator's vector block (Planning/ShapePolicy.cs): a float layer this wide on both sides takes the loop shape.</summary>
    public const int VectorBlock = 8;

    public static IReadOnlyList<NetworkCase<double>> Doubles { get; } = new[]
    {
        // SquaredError: every Hidden x Output, with and without biases, 3-5-2.
        Of<SE_Sigmoid_Sigmoid>(),
        Of<SE_Sigmoid_Sigmoid_NoBias>(),
        Of<SE_Sigmoid_Tanh>(),
        Of<SE_Sigmoid_Tanh_NoBias>(),
        Of<SE_Sigmoid_ReLU>(),
        Of<SE_Sigmoid_ReLU_NoBias>(),
        Of<SE_Sigmoid_Identity>(),
        Of<SE_Sigmoid_Identity_NoBias>(),
        Of<SE_Sigmoid_Softmax>(),
        Of<SE_Sigmoid_Softmax_NoBias>(),
        Of<SE_Tanh_Sigmoid>(),
        Of<SE_Tanh_Sigmoid_NoBias>(),
        Of<SE_Tanh_Tanh>(),
        Of<SE_Tanh_Tanh_NoBias>(),
        Of<SE_Tanh_ReLU>(),
        Of<SE_Tanh_ReLU_NoBias>(),
        Of<SE_Tanh_Identity>(),
        Of<SE_Tanh_Identity_NoBias>(),
        Of<SE_Tanh_Softmax>(),
        Of<SE_Tanh_Softmax_NoBias>(),
        Of<SE_ReLU_Sigmoid>(),
        Of<SE_ReLU_Sigmoid_NoBias>(),
        Of<SE_ReLU_Tanh>(),
        Of<SE_ReLU_Tanh_NoBias>(),
        Of<SE_ReLU_ReLU>(),
        Of<SE_ReLU_ReLU_NoBias>(),
        Of<SE_ReLU_Identity>(),
        Of<SE_ReLU_Identity_NoBias>(),
        Of<SE_ReLU_Softmax>(),
        Of<SE_ReLU_Softmax_NoBias>(),
        Of<SE_Identity_Sigmoid>(),
        Of<SE_Identity_Sigmoid_NoBias>(),
        Of<SE_Identity_Tanh>(),
        Of<SE_Identity_Tanh_NoBias>(),
        Of<SE_Identity_ReLU>(),
        Of<SE_Identity_ReLU_NoBias>(),
        Of<SE_Identity_Identity>(),
        Of<SE_Identity_Identity_NoBias>(),
        Of<SE_Identity_Softmax>(),
        Of<SE_Identity_Softmax_NoBias>(),

        // CrossEntropy: every Hidden x {Sigmoid, Softmax}, with and without biases, 4-5-3.
        Of<CE_Sigmoid_Sigmoid>(),
        Of<CE_Sigmoid_Sigmoid_NoBias>(),
        Of<CE_Sigmoid_Softmax>(),
        Of<CE_Sigmoid_Softmax_NoBias>(),
        Of<CE_Tanh_Sigmoid>(),
        Of<CE_Tanh_Sigmoid_NoBias>(),
        Of<CE_Tanh_Softmax>(),
        Of<CE_Tanh_Softmax_NoBias>(),
        Of<CE_ReLU_Sigmoid>(),
        Of<CE_ReLU_Sigmoid_NoBias>(),
        Of<CE_ReLU_Softmax>(),
        Of<CE_ReLU_Softmax_NoBias>(),
        Of<CE_Identity_Sigmoid>(),
        Of<CE_Identity_Sigmoid_NoBias>(),
        Of<CE_Identity_Softmax>(),
        Of<CE_Identity_Softmax_NoBias>(),

        // Deeper, shallower, single-output, loop-shape, edge and placement cases.
        Of<Deep_CE_Tanh_Softmax_4_5_4_3>(),
        Of<Deep_SE_Sigmoid_Sigmoid_4_5_4_3>(),
        Of<Deep_CE_ReLU_Sigmoid_2_3_3_3_2_NoBias>(),
        Of<Deep_SE_Identity_Tanh_2_3_3_3_2>(),
        Of<Deep_SE_ReLU_Softmax_2_6_5_4_3_2>(),
        Of<Shallow_SE_Identity_3_2>(),
        Of<Shallow_CE_Softmax_4_3>(),
        Of<Tiny_1_1>(),
        Of<XorDouble>(),
        Of<MazurNetwork>(), // declared in MazurWorkedExampleTests.cs
        Of<ParallelNet>(), // declared in ParallelBatchTests.cs (loop shape, 2286 parameters)
        Of<ParallelNetReLU>(), // declared in ReliabilityTests.cs (ParallelNet's sizes, another activation)
        Of<CE_Tanh_Sigmoid_2_3_1>(),
        Of<Loop_SE_Sigmoid_Sigmoid_40_30_5>(),
        Of<Loop_SE_ReLU_Identity_40_30_5_NoBias>(),
        Of<Loop_CE_Sigmoid_Sigmoid_20_20_20_20_3>(),
        Of<Loop_SE_Tanh_Softmax_30_34_3>(),
        Of<Digits>(),
        Of<Wide_CE_Tanh_Softmax_70_12_4>(),
        Of<Edge_Unrolled_511_1>(),
        Of<Edge_Loop_512_1>(),
        Of<StructNetwork>(),
        Of<PL_ReLU_Tanh_Identity>(),
        Of<PL_CE_Tanh_Sigmoid_Softmax>(),
        Of<PL_Loop_Identity_ReLU_Sigmoid>(),
        Of<PL_Wide_ReLU_Tanh_Softmax>(),
        Of<PL_Decoder_Tanh_Identity>(),
        Of<NA_LeakyReLU_ELU_Identity_Huber>(),
        Of<NA_GELU_SiLU_Softplus_Absolute>(),
        Of<NA_Softplus_GELU>(),
        Of<NA_ELU_SiLU_Huber>(),
        Of<NA_SiLU_LeakyReLU_Absolute>(),
        Of<NA_GELU_ELU_NoBias>(),
        Of<NA_Loop_GELU_SiLU_ELU_Huber>(),
        Of<NA_Loop_Softplus_LeakyReLU_GELU_Absolute>(),
        Of<NA_Wide_SiLU_ELU_SiLU_Huber>(),
        Of<NA_Wide_LeakyReLU_GELU_Softplus>(),
        Of<NA_Wide_Softplus_LeakyReLU_Absolute>(),
        Of<Det_Unrolled_Tanh_Sigmoid>(),
        Of<Det_Unrolled_ELU_Softplus_LeakyReLU>(),
        Of<Det_Loop_ReLU_Tanh_Softmax>(),
        Of<Det_Wide_GELU_SiLU_Huber>(),
        Of<NetGen.Determinism.DeterministicGeluSilu>(),
        new NetworkCase<double>("Container.NestedNetwork", Container.CreateNested, SpecOf(Container.NestedType)),
    };

    public static IReadOnlyList<NetworkCase<float>> Singles { get; } = new[]
    {
        SingleOf<F_SE_Sigmoid_Sigmoid>(),
        SingleOf<F_SE_Tanh_Tanh_NoBias>(),
        SingleOf<F_SE_Sigmoid_ReLU>(),
        SingleOf<F_SE_ReLU_Identity>(),
        SingleOf<F_SE_Identity_Softmax>(),
        SingleOf<F_CE_Tanh_Sigmoid>(),
        SingleOf<F_CE_Sigmoid_Softmax_NoBias>(),
        SingleOf<F_Loop_SE_40_30_5>(),
        SingleOf<F_Loop_Digits>(),
        SingleOf<F_Wide_SE_72_16_3>(),
        SingleOf<F_Vec_SE_Sigmoid_Sigmoid>(),
        SingleOf<F_Vec_SE_Tanh_Tanh_NoBias>(),
        SingleOf<F_Vec_SE_ReLU_Identity_Deep>(),
        SingleOf<F_Vec_SE_Identity_Softmax>(),
        SingleOf<F_Vec_SE_Sigmoid_ReLU_12>(),
        SingleOf<F_Vec_CE_Tanh_Sigmoid_9>(),
        SingleOf<F_Vec_CE_Sigmoid_Softmax_NoBias_10>(),
        SingleOf<F_Vec_SE_ReLU_Sigmoid_8>(),
        SingleOf<F_Vec_SE_Tanh_Identity_NoBias_16>(),
        SingleOf<F_Vec_SE_24_8_2>(),
        SingleOf<F_Vec_CE_30_16_2>(),
        SingleOf<F_Vec_SE_NoBias_13_8_3>(),
        SingleOf<F_Vec_SE_9_8_8_12>(),
        SingleOf<F_Vec_CE_12_20_10_3>(),
        SingleOf<F_Vec_SE_NoBias_9_13_2>(),
        SingleOf<F_Vec_SE_10_9_11>(),
        SingleOf<F_PL_Vec_ReLU_Tanh_Sigmoid>(),
        SingleOf<F_PL_Vec_Tanh_Identity_ReLU_Softmax>(),
        SingleOf<F_NA_Kernels_GELU_SiLU_Huber>(),
        SingleOf<F_Seq_GELU_24_12_3>(),
        SingleOf<F_Seq_GELU_NoBias_32_16_4>(),
        SingleOf<F_Det_Unrolled_CE>(),
        SingleOf<F_Det_24_8_2>(),
        SingleOf<F_Det_Digits>(),
        SingleOf<NetGen.Determinism.DeterministicDigits>(),
        SingleOf<NetGen.Determinism.DeterministicHuber>(),
        SingleOf<Encoder>(),
        SingleOf<Xor>(),
    };

    /// <summary>Names of the double-precision cases.</summary>
    public static TheoryData<string> DoubleNames => Names(Doubles.Select(c => c.Name));

    /// <summary>Names of the single-precision cases.</summary>
    public static TheoryData<string> SingleNames => Names(Singles.Select(c => c.Name));

    /// <summary>Names of the double-precision cases with the loop shape.</summary>
    public static TheoryData<string> LoopDoubleNames => Names(Doubles.Where(c => c.IsLoopShape).Select(c => c.Name));

    public static NetworkCase<double> Double(string name) => Doubles.Single(c => c.Name == name);

    public static NetworkCase<float> Single(string name) => Singles.Single(c => c.Name == name);

    public static NetworkAttribute SpecOf(Type type) =>
        type.GetCustomAttribute<NetworkAttribute>() ?? throw new InvalidOperationException(type + " has no [Network] attribute.");

    private static NetworkCase<double> Of<TNetwork>()
        where TNetwork : INetwork<double>, new() =>
        new(typeof(TNetwork).Name, () => new TNetwork(), SpecOf(typeof(TNetwork)));

    private static NetworkCase<float> SingleOf<TNetwork>()
        where TNetwork : INetwork<float>, new() =>
        new(typeof(TNetwork).Name, () => new TNetwork(), SpecOf(typeof(TNetwork)));

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
