using System.Collections.Generic;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Constant-bound loops over preallocated per-instance buffers (a1, d1, ...), for networks too large to unroll:
    /// the same equations as <see cref="UnrolledBodyEmitter"/>, with the unit index j and input index k as loop variables.
    /// </summary>
    internal sealed class LoopBodyEmitter : BodyEmitter
    {
        public LoopBodyEmitter(Topology topology, CodeWriter writer)
            : base(topology, writer)
        {
        }

        private int N(int l) => Net.Sizes[l];

        private string Zero => Net.Lit(0);

        private string Prev(int l) => l == 1 ? "input" : "a" + (l - 1);

        public override IEnumerable<(string Name, int Length, string Comment)> ScratchFields()
        {
            for (int l = 1; l <= L; l++)
            {
                yield return ("_a" + l, N(l), "a" + Topology.Sup(l) + ", the activations of layer " + l);
            }

            yield return ("_z" + L, N(L), "z" + Topology.Sup(L) + ", the output layer's pre-activations");
            for (int l = 1; l <= L; l++)
            {
                yield return ("_d" + l, N(l), "δ" + Topology.Sup(l) + " = ∂E/∂z" + Topology.Sup(l) + ", the errors of layer " + l);
            }
        }

        public override void Locals(bool gradients, bool deltas)
        {
            base.Locals(gradients, deltas);
            for (int l = 1; l <= L; l++)
            {
                W.Line(T + "[] a" + l + " = _a" + l + ";");
            }

            W.Line(T + "[] z" + L + " = _z" + L + ";");
            if (deltas)
            {
                for (int l = 1; l <= L; l++)
                {
                    W.Line(T + "[] d" + l + " = _d" + l + ";");
                }
            }
        }

        private System.IDisposable For(string variable, int from, int to) =>
            W.Block("for (int " + variable + " = " + from + "; " + variable + " < " + to + "; " + variable + "++)");

        private string Row(int l) => Net.WeightOffset[l] == 0
            ? "int row = j * " + N(l - 1) + ";"
            : "int row = " + Net.WeightOffset[l] + " + j * " + N(l - 1) + ";";

        public override void Forward()
        {
            for (int l = 1; l <= L; l++)
            {
                W.Line();
                LayerComment(l);
                using (For("j", 0, N(l)))
                {
                    W.Line(T + " z = " + (Net.Bias ? "p[" + Net.BiasOffset[l] + " + j]" : Zero) + ";");
                    W.Line(Row(l));
                    using (For("k", 0, N(l - 1)))
                    {
                        W.Line("z += p[row + k] * " + Prev(l) + "[k];");
                    }

                    W.Line(l < L ? "a" + l + "[j] = " + MathText.Apply(Net.Model.Hidden, "z") + ";" : "z" + L + "[j] = z;");
                }
            }

            string a = "a" + L;
            string zs = "z" + L;
            if (Output == Activation.Softmax)
            {
                SoftmaxComment();
                W.Line(T + " zMax = " + zs + "[0];");
                using (For("j", 1, N(L)))
                {
                    W.Line("zMax = " + MathText.NetMath + "Max(zMax, " + zs + "[j]);");
                }

                W.Line(T + " sum = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line(a + "[j] = " + MathText.NetMath + "Exp(" + zs + "[j] - zMax);");
                    W.Line("sum += " + a + "[j];");
                }

                using (For("j", 0, N(L)))
                {
                    W.Line(a + "[j] /= sum;");
                }
            }
            else
            {
                using (For("j", 0, N(L)))
                {
                    W.Line(a + "[j] = " + MathText.Apply(Output, zs + "[j]") + ";");
                }
            }
        }

        public override void WriteOutput()
        {
            W.Line();
            W.Comment("g = a" + Topology.Sup(L));
            W.Line("global::System.MemoryExtensions.AsSpan(a" + L + ").CopyTo(output);");
        }

        public override void Loss()
        {
            W.Line();
            LossComment();
            string a = "a" + L;
            string z = "z" + L;
            if (!CrossEntropy)
            {
                W.Line(T + " loss = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line(T + " e = " + a + "[j] - target[j];");
                    W.Line("loss += e * e;");
                }

                W.Line("loss = " + Net.Lit(0.5) + " * loss;");
            }
            else if (Output == Activation.Softmax)
            {
                W.Line(T + " logSum = zMax + " + MathText.NetMath + "Log(sum);");
                W.Line(T + " loss = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line("loss += target[j] * (logSum - " + z + "[j]);");
                }
            }
            else
            {
                W.Line(T + " loss = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line("loss += " + MathText.NetMath + "Softplus(" + z + "[j]) - target[j] * " + z + "[j];");
                }
            }
        }

        public override void Deltas()
        {
            string a = "a" + L;
            string d = "d" + L;
            W.Line();
            OutputErrorComment();
            if (CrossEntropy && Output == Activation.Softmax)
            {
                W.Line(T + " ySum = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line("ySum += target[j];");
                }

                using (For("j", 0, N(L)))
                {
                    W.Line(d + "[j] = " + a + "[j] * ySum - target[j];");
                }
            }
            else if (CrossEntropy)
            {
                using (For("j", 0, N(L)))
                {
                    W.Line(d + "[j] = " + a + "[j] - target[j];");
                }
            }
            else if (Output == Activation.Softmax)
            {
                W.Line(T + " eDotG = " + Zero + ";");
                using (For("j", 0, N(L)))
                {
                    W.Line("eDotG += (" + a + "[j] - target[j]) * " + a + "[j];");
                }

                using (For("j", 0, N(L)))
                {
                    W.Line(d + "[j] = " + a + "[j] * ((" + a + "[j] - target[j]) - eDotG);");
                }
            }
            else
            {
                using (For("j", 0, N(L)))
                {
                    W.Line(T + " e = " + a + "[j] - target[j];");
                    W.Line(d + "[j] = " + MathText.TimesDerivative(Output, "e", a + "[j]", Net) + ";");
                }
            }

            for (int l = L - 1; l >= 1; l--)
            {
                W.Line();
                BackErrorComment(l);
                W.Line("global::System.Array.Clear(d" + l + ", 0, " + N(l) + ");");
                using (For("j", 0, N(l + 1)))
                {
                    W.Line(T + " dj = d" + (l + 1) + "[j];");
                    W.Line(Row(l + 1));
                    using (For("k", 0, N(l)))
                    {
                        W.Line("d" + l + "[k] += p[row + k] * dj;");
                    }
                }

                using (For("k", 0, N(l)))
                {
                    W.Line("d" + l + "[k] = " + MathText.TimesDerivative(Net.Model.Hidden, "d" + l + "[k]", "a" + l + "[k]", Net) + ";");
                }
            }
        }

        public override void Sink(bool update)
        {
            for (int l = L; l >= 1; l--)
            {
                SinkComments(l, update, out string biasComment, out string weightComment);
                W.Line();
                if (Net.Bias)
                {
                    W.Comment(biasComment);
                }

                W.Comment(weightComment);
                using (For("j", 0, N(l)))
                {
                    W.Line(T + " dj = d" + l + "[j];");
                    if (Net.Bias)
                    {
                        W.Line(update ? "p[" + Net.BiasOffset[l] + " + j] -= learningRate * dj;" : "g[" + Net.BiasOffset[l] + " + j] += dj;");
                    }

                    W.Line(Row(l));
                    using (For("k", 0, N(l - 1)))
                    {
                        W.Line(update ? "p[row + k] -= learningRate * (dj * " + Prev(l) + "[k]);" : "g[row + k] += dj * " + Prev(l) + "[k];");
                    }
                }
            }
        }
    }
}
