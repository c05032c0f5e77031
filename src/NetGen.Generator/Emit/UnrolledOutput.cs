using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit;

/// <summary>
/// The output layer as straight-line code, one local per unit (zL_j, aL_j, yj, ej, dL_j): the output activation, the
/// loss and BP1, one switch over <see cref="OutputRule"/> each. Used by the unrolled shape, and by the Vector256 shape
/// for an output layer narrower than one vector.
/// </summary>
internal sealed class UnrolledOutput
{
    private readonly Topology _net;
    private readonly CodeWriter _w;

    public UnrolledOutput(Topology net, CodeWriter writer)
    {
        _net = net;
        _w = writer;
    }

    private string T => _net.T;

    private int L => _net.L;

    private int N => _net.Sizes[_net.L];

    /// <summary>The local holding a^l_j.</summary>
    internal static string A(int l, int j) => "a" + l + "_" + j;

    /// <summary>The local holding δ^l_j.</summary>
    internal static string D(int l, int j) => "d" + l + "_" + j;

    /// <summary>The local holding z^L_j.</summary>
    internal string Z(int j) => "z" + L + "_" + j;

    internal static string Sum(int count, System.Func<int, string> term) =>
        string.Join(" + ", Enumerable.Range(0, count).Select(term));

    /// <summary>a^L = f(z^L) from the locals zL_j into the locals aL_j (the softmax also declares zMax and sum, which <see cref="Loss"/> reads).</summary>
    public void Activation()
    {
        if (_net.Model.Output == Models.Activation.Softmax)
        {
            _w.Comment(Equations.Softmax(_net));
            _w.Line(T + " zMax = " + Z(0) + ";");
            for (int j = 1; j < N; j++)
            {
                _w.Line("zMax = " + _net.Math + "Max(zMax, " + Z(j) + ");");
            }

            for (int j = 0; j < N; j++)
            {
                _w.Line(T + " s" + L + "_" + j + " = " + _net.Math + "Exp(" + Z(j) + " - zMax);");
            }

            _w.Line(T + " sum = " + Sum(N, j => "s" + L + "_" + j) + ";");
            for (int j = 0; j < N; j++)
            {
                _w.Line(T + " " + A(L, j) + " = s" + L + "_" + j + " / sum;");
            }
        }
        else
        {
            for (int j = 0; j < N; j++)
            {
                _w.Line(T + " " + A(L, j) + " = " + MathText.Apply(_net.Model.Output, Z(j), _net) + ";");
            }
        }
    }

    /// <summary>output = a^L, unit by unit.</summary>
    public void WriteOutput()
    {
        _w.Line();
        _w.Comment("g = a" + Notation.Sup(L));
        for (int j = 0; j < N; j++)
        {
            _w.Line("output[" + j + "] = " + A(L, j) + ";");
        }
    }

    /// <summary>The target into locals yj, then <c>loss</c>.</summary>
    public void Loss()
    {
        _w.Line();
        _w.Comment("y, the target");
        for (int j = 0; j < N; j++)
        {
            _w.Line(T + " y" + j + " = target[" + j + "];");
        }

        _w.Comment(Equations.Loss(_net));
        switch (_net.OutputRule)
        {
            case OutputRule.SoftmaxCrossEntropy:
                _w.Line(T + " logSum = zMax + " + _net.Math + "Log(sum);");
                _w.Line(T + " loss = " + Sum(N, j => "y" + j + " * (logSum - " + Z(j) + ")") + ";");
                break;
            case OutputRule.SigmoidCrossEntropy:
                _w.Line(T + " loss = " + Sum(N, j => _net.Math + "SigmoidCrossEntropy(" + Z(j) + ", y" + j + ")") + ";");
                break;
            default:
                for (int j = 0; j < N; j++)
                {
                    _w.Line(T + " e" + j + " = " + A(L, j) + " - y" + j + ";");
                }

                _w.Line(_net.OutputRule switch
                {
                    OutputRule.HuberError => T + " loss = " + Sum(N, j => _net.Math + "Huber(e" + j + ")") + ";",
                    OutputRule.AbsoluteError => T + " loss = " + Sum(N, j => _net.Math + "Abs(e" + j + ")") + ";",
                    _ => T + " loss = " + _net.Lit(0.5) + " * (" + Sum(N, j => "e" + j + " * e" + j) + ");",
                });
                break;
        }
    }

    /// <summary>BP1: from the target and the loss, or (<paramref name="fromGradient"/>) from the caller's ∂E/∂g.</summary>
    public void Errors(bool fromGradient)
    {
        if (fromGradient)
        {
            ErrorsFromGradient();
        }
        else
        {
            Errors();
        }
    }

    /// <summary>BP1 from the caller's ∂E/∂g (the span <c>outputGradient</c>) into the locals dL_j.</summary>
    public void ErrorsFromGradient()
    {
        _w.Line();
        _w.Comment(Equations.OutputErrorFromGradient(_net));
        for (int j = 0; j < N; j++)
        {
            _w.Line(T + " e" + j + " = outputGradient[" + j + "];");
        }

        if (_net.Model.Output == Models.Activation.Softmax)
        {
            _w.Line(T + " eDotG = " + Sum(N, j => "e" + j + " * " + A(L, j)) + ";");
            for (int j = 0; j < N; j++)
            {
                _w.Line(T + " " + D(L, j) + " = " + A(L, j) + " * (e" + j + " - eDotG);");
            }
        }
        else
        {
            for (int j = 0; j < N; j++)
            {
                _w.Line(T + " " + D(L, j) + " = " + MathText.TimesDerivative(_net.Model.Output, "e" + j, A(L, j), _net, Z(j)) + ";");
            }
        }
    }

    /// <summary>BP1 into the locals dL_j, from aL_j, yj (and ej) of <see cref="Loss"/>.</summary>
    public void Errors()
    {
        _w.Line();
        _w.Comment(Equations.OutputError(_net));
        switch (_net.OutputRule)
        {
            case OutputRule.SoftmaxCrossEntropy:
                _w.Line(T + " ySum = " + Sum(N, j => "y" + j) + ";");
                for (int j = 0; j < N; j++)
                {
                    _w.Line(T + " " + D(L, j) + " = " + A(L, j) + " * ySum - y" + j + ";");
                }

                break;
            case OutputRule.SigmoidCrossEntropy:
                for (int j = 0; j < N; j++)
                {
                    _w.Line(T + " " + D(L, j) + " = " + A(L, j) + " - y" + j + ";");
                }

                break;
            case OutputRule.SoftmaxSquaredError:
                _w.Line(T + " eDotG = " + Sum(N, j => "e" + j + " * " + A(L, j)) + ";");
                for (int j = 0; j < N; j++)
                {
                    _w.Line(T + " " + D(L, j) + " = " + A(L, j) + " * (e" + j + " - eDotG);");
                }

                break;
            default:
                for (int j = 0; j < N; j++)
                {
                    _w.Line(T + " " + D(L, j) + " = " + MathText.TimesDerivative(_net.Model.Output, OutputLoops.LossGradient(_net, "e" + j), A(L, j), _net, Z(j)) + ";");
                }

                break;
        }
    }
}
