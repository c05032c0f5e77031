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

        private string Kernel(string name) => "global::NetGen.Kernels." + name + "<" + T + ">(";

        private string ActivationValue(Activation f) => "global::NetGen.Activation." + f;

        private string WeightSpan(int l) => NetworkEmitter.ReadOnlySlice(T, "p", Net.WeightOffset[l], N(l) * N(l - 1));

        public override void Forward()
        {
            for (int l = 1; l <= L; l++)
            {
                W.Line();
                LayerComment(l);
                string bias = Net.Bias ? NetworkEmitter.ReadOnlySlice(T, "p", Net.BiasOffset[l], N(l)) : "global::System.ReadOnlySpan<" + T + ">.Empty";
                string z = l < L ? "a" + l : "z" + L;
                W.Comment("SIMD matrix-vector product (register-blocked): z" + Topology.Sup(l) + "_j = Σ_k W" + Topology.Sup(l) + "_jk " + (l == 1 ? "x" : "a" + Topology.Sup(l - 1)) + "_k" + (Net.Bias ? " + b" + Topology.Sup(l) + "_j" : string.Empty));
                W.Line(Kernel("MultiplyTransposed") + Prev(l) + ", " + WeightSpan(l) + ", " + bias + ", " + z + ", 1, " + N(l) + ", " + N(l - 1) + ");");
                if (l < L && Net.Model.Hidden != Activation.Identity)
                {
                    W.Line(Kernel("Activate") + z + ", a" + l + ", " + ActivationValue(Net.Model.Hidden) + ");");
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
                W.Comment("SIMD: δ" + Topology.Sup(l) + "_k += Σ_j δ" + Topology.Sup(l + 1) + "_j W" + Topology.Sup(l + 1) + "_jk, row by row of W" + Topology.Sup(l + 1));
                W.Line(Kernel("AccumulateRows") + "d" + l + ", 1, " + N(l) + ", d" + (l + 1) + ", 0, 1, " + WeightSpan(l + 1) + ", " + N(l + 1) + ", " + Net.Lit(1) + ");");
                if (Net.Model.Hidden != Activation.Identity)
                {
                    W.Line(Kernel("MultiplyByDerivative") + "d" + l + ", a" + l + ", " + ActivationValue(Net.Model.Hidden) + ");");
                }
            }
        }

        public override void Sink(bool update)
        {
            string target = update ? "p" : "g";
            string scale = update ? "-learningRate" : Net.Lit(1);
            for (int l = L; l >= 1; l--)
            {
                SinkComments(l, update, out string biasComment, out string weightComment);
                if (Net.Bias)
                {
                    W.Line();
                    W.Comment(biasComment);
                    W.Line(Kernel("AddColumnSums") + "d" + l + ", " + NetworkEmitter.Slice(T, target, Net.BiasOffset[l], N(l)) + ", 1, " + N(l) + ", " + scale + ");");
                }

                W.Line();
                W.Comment(weightComment);
                W.Comment("SIMD rank-one update, 4 rows at a time: row j of W" + Topology.Sup(l) + " gets " + (update ? "−η " : string.Empty) + "δ" + Topology.Sup(l) + "_j times " + (l == 1 ? "x" : "a" + Topology.Sup(l - 1)));
                W.Line(Kernel("AccumulateRows") + NetworkEmitter.Slice(T, target, Net.WeightOffset[l], N(l) * N(l - 1)) + ", " + N(l) + ", " + N(l - 1) + ", d" + l + ", 1, " + N(l) + ", " + Prev(l) + ", 1, " + scale + ");");
            }
        }
    }
}
