using NetGen.Generator.Models;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emit;

/// <summary>
/// The output layer of one example as loops over the buffers a{L}, z{L}, d{L} and <c>target</c>: the output activation,
/// the loss and BP1, one switch over <see cref="OutputRule"/> each. Used by the kernel and Vector256 shapes (buffers
/// of the instance) and by the batch members (views of one example's row, <see cref="Rows"/>).
/// </summary>
internal sealed class OutputLoops
{
    private readonly Topology _net;
    private readonly CodeWriter _w;

    public OutputLoops(Topology net, CodeWriter writer)
    {
        _net = net;
        _w = writer;
    }

    private string T => _net.T;

    private int L => _net.L;

    private int N => _net.Sizes[_net.L];

    private string Zero => _net.Lit(0);

    private string A => "a" + L;

    private string Z => "z" + L;

    private string D => "d" + L;

    private System.IDisposable ForUnits(int from = 0) => _w.Block("for (int j = " + from + "; j < " + N + "; j++)");

    /// <summary>a{L} = f(z{L}) (the softmax also declares zMax and sum, which <see cref="Loss"/> reads).</summary>
    public void Activation()
    {
        if (_net.Model.Output == Models.Activation.Softmax)
        {
            _w.Comment(Equations.Softmax(_net));
            _w.Line(T + " zMax = " + Z + "[0];");
            using (ForUnits(1))
            {
                _w.Line("zMax = " + _net.Math + "Max(zMax, " + Z + "[j]);");
            }

            _w.Line(T + " sum = " + Zero + ";");
            using (ForUnits())
            {
                _w.Line(A + "[j] = " + _net.Math + "Exp(" + Z + "[j] - zMax);");
                _w.Line("sum += " + A + "[j];");
            }

            using (ForUnits())
            {
                _w.Line(A + "[j] /= sum;");
            }
        }
        else
        {
            using (ForUnits())
            {
                _w.Line(A + "[j] = " + MathText.Apply(_net.Model.Output, Z + "[j]", _net) + ";");
            }
        }
    }

    /// <summary>output = a{L}.</summary>
    public void WriteOutput()
    {
        _w.Line();
        _w.Comment("g = a" + Notation.Sup(L));
        _w.Line("global::System.MemoryExtensions.AsSpan(" + A + ").CopyTo(output);");
    }

    /// <summary>Declares <c>loss</c> from a{L} (or z{L}) and <c>target</c>.</summary>
    public void Loss()
    {
        _w.Line();
        _w.Comment(Equations.Loss(_net));
        switch (_net.OutputRule)
        {
            case OutputRule.SoftmaxCrossEntropy:
                _w.Line(T + " logSum = zMax + " + _net.Math + "Log(sum);");
                _w.Line(T + " loss = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line("loss += target[j] * (logSum - " + Z + "[j]);");
                }

                break;
            case OutputRule.SigmoidCrossEntropy:
                _w.Line(T + " loss = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line("loss += " + _net.Math + "SigmoidCrossEntropy(" + Z + "[j], target[j]);");
                }

                break;
            case OutputRule.HuberError:
            case OutputRule.AbsoluteError:
                _w.Line(T + " loss = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line("loss += " + _net.Math + (_net.OutputRule == OutputRule.HuberError ? "Huber(" : "Abs(") + A + "[j] - target[j]);");
                }

                break;
            default:
                _w.Line(T + " loss = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line(T + " e = " + A + "[j] - target[j];");
                    _w.Line("loss += e * e;");
                }

                _w.Line("loss = " + _net.Lit(0.5) + " * loss;");
                break;
        }
    }

    /// <summary>BP1 into d{L}, from a{L} and <c>target</c>.</summary>
    public void Errors()
    {
        _w.Line();
        _w.Comment(Equations.OutputError(_net));
        switch (_net.OutputRule)
        {
            case OutputRule.SoftmaxCrossEntropy:
                _w.Line(T + " ySum = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line("ySum += target[j];");
                }

                using (ForUnits())
                {
                    _w.Line(D + "[j] = " + A + "[j] * ySum - target[j];");
                }

                break;
            case OutputRule.SigmoidCrossEntropy:
                using (ForUnits())
                {
                    _w.Line(D + "[j] = " + A + "[j] - target[j];");
                }

                break;
            case OutputRule.SoftmaxSquaredError:
                _w.Line(T + " eDotG = " + Zero + ";");
                using (ForUnits())
                {
                    _w.Line("eDotG += (" + A + "[j] - target[j]) * " + A + "[j];");
                }

                using (ForUnits())
                {
                    _w.Line(D + "[j] = " + A + "[j] * ((" + A + "[j] - target[j]) - eDotG);");
                }

                break;
            default:
                using (ForUnits())
                {
                    _w.Line(T + " e = " + A + "[j] - target[j];");
                    _w.Line(D + "[j] = " + MathText.TimesDerivative(_net.Model.Output, LossGradient(_net, "e"), A + "[j]", _net, Z + "[j]") + ";");
                }

                break;
        }
    }

    /// <summary>
    /// ∂E/∂g of one output unit from its error <paramref name="e"/> = g − y, for an elementwise output rule: e itself
    /// (squared error), clamp(e, −1, 1) (Huber, δ = 1), sign(e) with sign(0) = 0 (absolute error).
    /// </summary>
    internal static string LossGradient(Topology net, string e) => net.OutputRule switch
    {
        OutputRule.HuberError => net.Math + "HuberGradient(" + e + ")",
        OutputRule.AbsoluteError => net.Math + "Sign(" + e + ")",
        _ => e,
    };

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

    /// <summary>BP1 from the caller's ∂E/∂g (the span <c>outputGradient</c>) into d{L}.</summary>
    public void ErrorsFromGradient()
    {
        _w.Line();
        _w.Comment(Equations.OutputErrorFromGradient(_net));
        if (_net.Model.Output == Models.Activation.Softmax)
        {
            _w.Line(T + " eDotG = " + Zero + ";");
            using (ForUnits())
            {
                _w.Line("eDotG += outputGradient[j] * " + A + "[j];");
            }

            using (ForUnits())
            {
                _w.Line(D + "[j] = " + A + "[j] * (outputGradient[j] - eDotG);");
            }
        }
        else
        {
            using (ForUnits())
            {
                _w.Line(D + "[j] = " + MathText.TimesDerivative(_net.Model.Output, "outputGradient[j]", A + "[j]", _net, Z + "[j]") + ";");
            }
        }
    }

    /// <summary>
    /// Opens the loop over the examples of a batch whose output layer is held as example rows A{L}, Z{L} (and D{L}),
    /// with a{L}, z{L} (and target or outputGradient, and d{L}) as views of row i, so the members above run unchanged
    /// inside it.
    /// </summary>
    public System.IDisposable Rows(bool targets, bool gradients = false)
    {
        System.IDisposable loop = _w.Block("for (int i = 0; i < m; i++)");
        _w.Line("global::System.Span<" + T + "> " + A + " = A" + L + ".Slice(i * " + N + ", " + N + ");");
        if (_net.Model.Output == Models.Activation.Softmax || ShapePolicy.NeedsZ(_net.Model.Output) || (targets && _net.Model.Loss == LossFunction.CrossEntropy))
        {
            _w.Line("global::System.Span<" + T + "> " + Z + " = Z" + L + ".Slice(i * " + N + ", " + N + ");");
        }

        if (targets)
        {
            _w.Line("global::System.ReadOnlySpan<" + T + "> target = targets.Slice(i * " + N + ", " + N + ");");
        }

        if (gradients)
        {
            _w.Line("global::System.ReadOnlySpan<" + T + "> outputGradient = outputGradients.Slice(i * " + N + ", " + N + ");");
        }

        if (targets || gradients)
        {
            _w.Line("global::System.Span<" + T + "> " + D + " = D" + L + ".Slice(i * " + N + ", " + N + ");");
        }

        return loop;
    }
}
