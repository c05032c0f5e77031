using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// Fully unrolled straight-line code: one local per unit (a1_0, d2_3), every weight and bias index a constant,
/// no loops over units. Used for small networks (see <see cref="Topology.UnrollLimit"/>).
/// </summary>
internal sealed class UnrolledBodyEmitter : BodyEmitter
{
    public UnrolledBodyEmitter(Topology topology, CodeWriter writer)
        : base(topology, writer)
    {
    }

    internal static string A(int l, int j) => "a" + l + "_" + j;

    internal static string D(int l, int j) => "d" + l + "_" + j;

    internal string Z(int j) => "z" + L + "_" + j;

    private int N(int l) => Net.Sizes[l];

    private string Sum(int count, System.Func<int, string> term) =>
        string.Join(" + ", Enumerable.Range(0, count).Select(term));

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
            LayerComment(l);
            for (int j = 0; j < N(l); j++)
            {
                int layer = l;
                int unit = j;
                string z = Sum(N(l - 1), k => "p[" + Net.W(layer, unit, k) + "] * " + A(layer - 1, k))
                    + (Net.Bias ? " + p[" + Net.B(l, j) + "]" : string.Empty);
                W.Line(l < L
                    ? T + " " + A(l, j) + " = " + MathText.Apply(Net.Model.Hidden, z) + ";"
                    : T + " " + Z(j) + " = " + z + ";");
            }
        }

        OutputActivation();
    }

    /// <summary>a^L = f(z^L) from the locals zL_j into the locals aL_j (the softmax also declares zMax and sum, which <see cref="Loss"/> reads).</summary>
    internal void OutputActivation()
    {
        if (Output == Activation.Softmax)
        {
            SoftmaxComment();
            W.Line(T + " zMax = " + Z(0) + ";");
            for (int j = 1; j < N(L); j++)
            {
                W.Line("zMax = " + MathText.NetMath + "Max(zMax, " + Z(j) + ");");
            }

            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " s" + L + "_" + j + " = " + MathText.NetMath + "Exp(" + Z(j) + " - zMax);");
            }

            W.Line(T + " sum = " + Sum(N(L), j => "s" + L + "_" + j) + ";");
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + A(L, j) + " = s" + L + "_" + j + " / sum;");
            }
        }
        else
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + A(L, j) + " = " + MathText.Apply(Output, Z(j)) + ";");
            }
        }
    }

    public override void WriteOutput()
    {
        W.Line();
        W.Comment("g = a" + Topology.Sup(L));
        for (int j = 0; j < N(L); j++)
        {
            W.Line("output[" + j + "] = " + A(L, j) + ";");
        }
    }

    public override void Loss()
    {
        W.Line();
        W.Comment("y, the target");
        for (int j = 0; j < N(L); j++)
        {
            W.Line(T + " y" + j + " = target[" + j + "];");
        }

        LossComment();
        if (!CrossEntropy)
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " e" + j + " = " + A(L, j) + " - y" + j + ";");
            }

            W.Line(T + " loss = " + Net.Lit(0.5) + " * (" + Sum(N(L), j => "e" + j + " * e" + j) + ");");
        }
        else if (Output == Activation.Softmax)
        {
            W.Line(T + " logSum = zMax + " + MathText.NetMath + "Log(sum);");
            W.Line(T + " loss = " + Sum(N(L), j => "y" + j + " * (logSum - " + Z(j) + ")") + ";");
        }
        else
        {
            W.Line(T + " loss = " + Sum(N(L), j => MathText.NetMath + "SigmoidCrossEntropy(" + Z(j) + ", y" + j + ")") + ";");
        }
    }

    public override void Deltas()
    {
        OutputErrors();
        for (int l = L - 1; l >= 1; l--)
        {
            W.Line();
            BackErrorComment(l);
            for (int k = 0; k < N(l); k++)
            {
                int layer = l;
                int unit = k;
                string back = MathText.Paren(Sum(N(l + 1), j => "p[" + Net.W(layer + 1, j, unit) + "] * " + D(layer + 1, j)));
                W.Line(T + " " + D(l, k) + " = " + MathText.TimesDerivative(Net.Model.Hidden, back, A(l, k), Net) + ";");
            }
        }
    }

    /// <summary>BP1 into the locals dL_j, from aL_j, yj (and ej) of <see cref="Loss"/>.</summary>
    internal void OutputErrors()
    {
        W.Line();
        OutputErrorComment();
        if (CrossEntropy && Output == Activation.Softmax)
        {
            W.Line(T + " ySum = " + Sum(N(L), j => "y" + j) + ";");
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + D(L, j) + " = " + A(L, j) + " * ySum - y" + j + ";");
            }
        }
        else if (CrossEntropy)
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + D(L, j) + " = " + A(L, j) + " - y" + j + ";");
            }
        }
        else if (Output == Activation.Softmax)
        {
            W.Line(T + " eDotG = " + Sum(N(L), j => "e" + j + " * " + A(L, j)) + ";");
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + D(L, j) + " = " + A(L, j) + " * (e" + j + " - eDotG);");
            }
        }
        else
        {
            for (int j = 0; j < N(L); j++)
            {
                W.Line(T + " " + D(L, j) + " = " + MathText.TimesDerivative(Output, "e" + j, A(L, j), Net) + ";");
            }
        }
    }

    public override void Sink(bool update)
    {
        for (int l = L; l >= 1; l--)
        {
            SinkComments(l, update, out string biasComment, out string weightComment);
            if (Net.Bias)
            {
                W.Line();
                W.Comment(biasComment);
                for (int j = 0; j < N(l); j++)
                {
                    W.Line(update
                        ? "p[" + Net.B(l, j) + "] -= learningRate * " + D(l, j) + ";"
                        : "g[" + Net.B(l, j) + "] += " + D(l, j) + ";");
                }
            }

            W.Line();
            W.Comment(weightComment);
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
}
