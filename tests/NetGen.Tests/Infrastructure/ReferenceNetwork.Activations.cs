using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests;

/// <summary>The reference activations f and their derivatives f'(z), written from the formulas.</summary>
internal sealed partial class ReferenceNetwork
{
    /// <summary>softplus(t) = ln(1 + e^t) without overflow: for t &gt; 0, ln(1 + e^t) = t + ln(1 + e^−t).</summary>
    public static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    private static double[,] Activate(Activation f, double[,] z)
    {
        switch (f)
        {
            case Activation.Sigmoid:
                return Matrix.Map(z, Sigmoid);
            case Activation.Tanh:
                return Matrix.Map(z, Math.Tanh);
            case Activation.ReLU:
                return Matrix.Map(z, t => Math.Max(0, t));
            case Activation.Identity:
                return Matrix.Map(z, t => t);
            case Activation.LeakyReLU:
                return Matrix.Map(z, t => t >= 0 ? t : 0.01 * t);
            case Activation.ELU:
                return Matrix.Map(z, t => t >= 0 ? t : Math.Exp(t) - 1);
            case Activation.GELU:
                // The tanh approximation (PyTorch approximate='tanh'), written from its definition.
                return Matrix.Map(z, t => 0.5 * t * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (t + (0.044715 * t * t * t)))));
            case Activation.SiLU:
                return Matrix.Map(z, t => t / (1 + Math.Exp(-t)));
            case Activation.Softplus:
                return Matrix.Map(z, Softplus);
            case Activation.Softmax:
                // Row-wise: g_j = e^(z_j - max) / Σ_k e^(z_k - max); the shift does not change g.
                var g = new double[Matrix.Rows(z), Matrix.Columns(z)];
                for (int i = 0; i < Matrix.Rows(z); i++)
                {
                    double[] row = Matrix.Row(z, i);
                    double max = row.Max();
                    double sum = row.Sum(t => Math.Exp(t - max));
                    for (int j = 0; j < row.Length; j++)
                    {
                        g[i, j] = Math.Exp(row[j] - max) / sum;
                    }
                }

                return g;
            default:
                throw new ArgumentOutOfRangeException(nameof(f));
        }
    }

    /// <summary>f'(z) element-wise, for the element-wise activations (as the Activation enum documents them).</summary>
    private static double[,] Derivative(Activation f, double[,] z) => f switch
    {
        Activation.Sigmoid => Matrix.Map(z, t => Sigmoid(t) * (1 - Sigmoid(t))),
        Activation.Tanh => Matrix.Map(z, t => 1 - (Math.Tanh(t) * Math.Tanh(t))),
        Activation.ReLU => Matrix.Map(z, t => t > 0 ? 1 : 0),
        Activation.Identity => Matrix.Map(z, _ => 1),
        Activation.LeakyReLU => Matrix.Map(z, t => t > 0 ? 1 : 0.01),
        Activation.ELU => Matrix.Map(z, t => t > 0 ? 1 : Math.Exp(t)),
        Activation.GELU => Matrix.Map(z, GeluDerivative),
        Activation.SiLU => Matrix.Map(z, t => Sigmoid(t) + (t * Sigmoid(t) * (1 - Sigmoid(t)))),
        Activation.Softplus => Matrix.Map(z, Sigmoid),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    /// <summary>d/dt of ½ t (1 + tanh u(t)), u = √(2/π)(t + 0.044715 t³), by the product and chain rules.</summary>
    private static double GeluDerivative(double t)
    {
        double c = Math.Sqrt(2 / Math.PI);
        double u = c * (t + (0.044715 * t * t * t));
        double sech2 = 1 / (Math.Cosh(u) * Math.Cosh(u));
        double du = c * (1 + (3 * 0.044715 * t * t));
        return (0.5 * (1 + Math.Tanh(u))) + (0.5 * t * sech2 * du);
    }

    /// <summary>ln(Σ_k e^(z_k)), shifted by the maximum so that e^z cannot overflow.</summary>
    private static double LogSumExp(double[] z)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(t => Math.Exp(t - max)));
    }
}
