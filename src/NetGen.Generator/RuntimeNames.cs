namespace NetGen.Generator;

/// <summary>
/// The runtime types generated code calls, as the generator writes them: the one place their namespace is spelled.
/// Each ends in a dot, ready for a member name.
/// </summary>
internal static class RuntimeNames
{
    /// <summary>The namespace of the helpers only generated code calls.</summary>
    public const string InternalsNamespace = "NetGen.__Internals";

    private const string Prefix = "global::" + InternalsNamespace + ".";

    /// <summary>Argument and value checks.</summary>
    public const string Guard = Prefix + "Guard.";

    /// <summary>The SIMD kernels of the loop shape (any CPU).</summary>
    public const string Kernels = Prefix + "Kernels.";

    /// <summary>Scalar activations and losses.</summary>
    public const string NetMath = Prefix + "NetMath.";

    /// <summary>The kernels of Deterministic = true networks: the same calls as Kernels, one fixed operation order.</summary>
    public const string DeterministicKernels = Prefix + "DeterministicKernels.";

    /// <summary>The scalar math of Deterministic = true networks: the same names as NetMath, NetGen's own exp, log and tanh.</summary>
    public const string DeterministicMath = Prefix + "DeterministicMath.";

    /// <summary>The 8-lane building blocks of the Vector256 code shape (.NET 8+ builds of the runtime only).</summary>
    public const string Simd256 = Prefix + "Simd256.";

    /// <summary>The 4-lane building blocks of the same shape's Vector128 code (.NET 8+ builds of the runtime only).</summary>
    public const string Simd128 = Prefix + "Simd128.";

    /// <summary>Weights baked into the assembly at build time.</summary>
    public const string BakedParameters = Prefix + "BakedParameters.";

    /// <summary>Glorot and He initialisation from a SplitMix64 stream.</summary>
    public const string ParameterInitializer = Prefix + "ParameterInitializer.";

    /// <summary>The metadata name of <see cref="Simd256"/>: present only when the referenced runtime is its .NET 8+ build.</summary>
    public const string Simd256MetadataName = InternalsNamespace + ".Simd256";
}
