using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// Fully unrolled straight-line code: one local per unit (a1_0, d2_3), every weight and bias index a constant,
/// no loops over units. Used for small networks (see <c>Planning.ShapePolicy.UnrollLimit</c>); the output layer is
/// written by <see cref="UnrolledOutput"/>.
/// </summary>
internal sealed class UnrolledBodyEmitter : BodyEmitter
{
    private readonly UnrolledOutput _output;

    public UnrolledBodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
        _output = new UnrolledOutput(topology, writer);
    }

    private static string A(int l, int j) => UnrolledOutput.A(l, j);

    private static string D(int l, int j) => UnrolledOutput.D(l, j);

    /// <summary>The local holding z^l_j (kept for a hidden layer only when its f' needs z).</summary>
    private static string Z(int l, int j) => "z" + l + "_" + j;

    private int N(int l) => Net.Sizes[l];

    public override void Forward()
    {
        W.Comment("a⁰ = x, the input");
        for (int k = 0; k < N(0); k++)
        {
            W.Line(T + " " + A(0, k) + " = input[" + k + "];");
        }

        for (int l = 1; l <= L; l++)
        {
            W.Line();
            W.Comment(Equations.Layer(Net, l));
            for (int j = 0; j < N(l); j++)
            {
                int layer = l;
                int unit = j;
                string z = UnrolledOutput.Sum(N(l - 1), k => "p[" + Net.W(layer, unit, k) + "] * " + A(layer - 1, k))
                    + (Net.Bias ? " + p[" + Net.B(l, j) + "]" : string.Empty);
                if (l < L && ShapePolicy.NeedsZ(Net.ActivationOf(l)))
                {
                    W.Line(T + " " + Z(l, j) + " = " + z + ";");
                    W.Line(T + " " + A(l, j) + " = " + MathText.Apply(Net.ActivationOf(l), Z(l, j), Net) + ";");
                    continue;
                }

                W.Line(l < L
                    ? T + " " + A(l, j) + " = " + MathText.Apply(Net.ActivationOf(l), z, Net) + ";"
                    : T + " " + _output.Z(j) + " = " + z + ";");
            }
        }

        _output.Activation();
    }

    public override void WriteOutput() => _output.WriteOutput();

    public override void Loss() => _output.Loss();

    public override void Backpropagate(bool update, bool fromGradient = false)
    {
        _output.Errors(fromGradient);

        for (int l = L - 1; l >= 1; l--)
        {
            W.Line();
            W.Comment(Equations.BackError(Net, l));
            for (int k = 0; k < N(l); k++)
            {
                int layer = l;
                int unit = k;
                string back = CSharp.Paren(UnrolledOutput.Sum(N(l + 1), j => "p[" + Net.W(layer + 1, j, unit) + "] * " + D(layer + 1, j)));
                W.Line(T + " " + D(l, k) + " = " + MathText.TimesDerivative(Net.ActivationOf(l), back, A(l, k), Net, Z(l, k)) + ";");
            }
        }

        for (int l = L; l >= 1; l--)
        {
            if (Net.Bias)
            {
                W.Line();
                W.Comment(Equations.BiasGradient(l, update));
                for (int j = 0; j < N(l); j++)
                {
                    W.Line(update
                        ? "p[" + Net.B(l, j) + "] -= learningRate * " + D(l, j) + ";"
                        : "g[" + Net.B(l, j) + "] += " + D(l, j) + ";");
                }
            }

            W.Line();
            W.Comment(Equations.WeightGradient(l, update));
            for (int j = 0; j < N(l); j++)
            {
                for (int k = 0; k < N(l - 1); k++)
                {
                    string product = D(l, j) + " * " + A(l - 1, k);
                    W.Line(update
                        ? "p[" + Net.W(l, j, k) + "] -= learningRate * (" + product + ");"
                        : "g[" + Net.W(l, j, k) + "] += " + product + ";");
                }
            }
        }
    }

    public override void InputGradient()
    {
        W.Comment(Equations.InputGradient);
        for (int k = 0; k < N(0); k++)
        {
            int unit = k;
            W.Line("inputGradient[" + k + "] = " + UnrolledOutput.Sum(N(1), j => "p[" + Net.W(1, j, unit) + "] * " + D(1, j)) + ";");
        }
    }
}
