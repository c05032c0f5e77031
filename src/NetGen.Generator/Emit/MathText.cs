using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// The math of each activation as C# text, in one place: f(z) and f'(z) (written through a = f(z)).
/// Every emitter that needs an activation or its derivative asks here (their names and equations for comments are in
/// <see cref="Equations"/>).
/// </summary>
internal static class MathText
{
    /// <summary>f(z) as an expression, through the network's math class (<see cref="Topology.Math"/>: NetMath or DeterministicMath).</summary>
    public static string Apply(Activation f, string z, Topology t) => f switch
    {
        Activation.Sigmoid => t.Math + "Sigmoid(" + z + ")",
        Activation.Tanh => t.Math + "Tanh(" + z + ")",
        Activation.ReLU => t.Math + "ReLU(" + z + ")",
        Activation.LeakyReLU => t.Math + "LeakyReLU(" + z + ")",
        Activation.ELU => t.Math + "ELU(" + z + ")",
        Activation.GELU => t.Math + "GELU(" + z + ")",
        Activation.SiLU => t.Math + "SiLU(" + z + ")",
        Activation.Softplus => t.Math + "Softplus(" + z + ")",
        _ => z,
    };

    /// <summary>
    /// <paramref name="value"/> * f'(z), with f' written through the unit's activation a = f(z), or through z itself
    /// (<paramref name="z"/>) when <see cref="Planning.ShapePolicy.NeedsZ"/>. <paramref name="value"/> must be a primary expression (a name,
    /// or parenthesised).
    /// </summary>
    public static string TimesDerivative(Activation f, string value, string a, Topology t, string? z = null) => f switch
    {
        Activation.Sigmoid => value + " * (" + a + " * (" + t.Lit(1) + " - " + a + "))",
        Activation.Tanh => value + " * (" + t.Lit(1) + " - " + a + " * " + a + ")",
        Activation.ReLU => a + " > " + t.Lit(0) + " ? " + value + " : " + t.Lit(0),
        Activation.LeakyReLU => a + " > " + t.Lit(0) + " ? " + value + " : " + t.Lit(0.01) + " * " + value,
        Activation.ELU => value + " * (" + a + " > " + t.Lit(0) + " ? " + t.Lit(1) + " : " + a + " + " + t.Lit(1) + ")",
        Activation.Softplus => value + " * (" + t.Lit(1) + " - " + t.Math + "Exp(-" + a + "))",
        Activation.GELU => value + " * " + t.Math + "GELUDerivative(" + (z ?? throw new System.ArgumentNullException(nameof(z))) + ")",
        Activation.SiLU => value + " * " + t.Math + "SiLUDerivative(" + (z ?? throw new System.ArgumentNullException(nameof(z))) + ")",
        _ => value,
    };

    /// <summary>The runtime's 8-lane building blocks, for the Vector256 code shape.</summary>
    public const string Simd256 = RuntimeNames.Simd256;

    /// <summary>f(z) lane by lane, for a vector expression of the runtime helper <paramref name="simd"/> (Simd256 or Simd128).</summary>
    public static string ApplyVector(Activation f, string z, string simd = Simd256) => f switch
    {
        Activation.Sigmoid => simd + "Sigmoid(" + z + ")",
        Activation.Tanh => simd + "Tanh(" + z + ")",
        Activation.ReLU => simd + "ReLU(" + z + ")",
        _ => z,
    };

    /// <summary><paramref name="value"/> ⊙ f'(z) lane by lane, with f' written through the units' activations a = f(z) (Vector256 expressions).</summary>
    public static string TimesDerivativeVector(Activation f, string value, string a, string simd = Simd256) => f switch
    {
        Activation.Sigmoid => simd + "TimesSigmoidDerivative(" + value + ", " + a + ")",
        Activation.Tanh => simd + "TimesTanhDerivative(" + value + ", " + a + ")",
        Activation.ReLU => simd + "TimesReLUDerivative(" + value + ", " + a + ")",
        _ => value,
    };
}
