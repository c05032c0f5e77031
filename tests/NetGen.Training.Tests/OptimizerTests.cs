using System;
using System.Linq;
using NetGen;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>
/// Each optimizer against its documented update formula: on a hand-set 2-1 network (two weights, one bias) with numbers
/// worked out by hand, against an independent double-precision reference of the formulas, and on real generated networks.
/// </summary>
public class OptimizerTests
{
    // theta = [w0, w1, b]; m = 2, lr = 0.1, l2 = 0.2 (so the weight decay per step is l2/m = 0.1).
    private static readonly double[] Theta0 = { 0.5, -0.25, 0.125 };
    private static readonly double[][] G = { new[] { 0.4, -0.2, 0.6 }, new[] { -0.2, 0.4, 0.2 }, new[] { 0.1, 0.1, -0.4 } };
    private const int M = 2;
    private const double Lr = 0.1;
    private const double L2 = 0.2;

    [Fact]
    public void Sgd_matches_hand_computed_steps()
    {
        // Step 1: g = G/m + (l2/m) theta for weights = [0.2 + 0.05, -0.1 - 0.025], bias g = 0.3.
        //   theta = [0.5 - 0.025, -0.25 + 0.0125, 0.125 - 0.03] = [0.475, -0.2375, 0.095]
        // Step 2: g = [-0.1 + 0.0475, 0.2 - 0.02375, 0.1] = [-0.0525, 0.17625, 0.1]
        //   theta = [0.48025, -0.255125, 0.085]
        // Step 3: g = [0.05 + 0.048025, 0.05 - 0.0255125, -0.2] = [0.098025, 0.0244875, -0.2]
        //   theta = [0.4704475, -0.25757375, 0.105]
        double[][] expected =
        {
            new[] { 0.475, -0.2375, 0.095 },
            new[] { 0.48025, -0.255125, 0.085 },
            new[] { 0.4704475, -0.25757375, 0.105 },
        };
        CheckSteps(net => new Sgd<double>(net, Lr, L2), expected, 1e-15);
        CheckSteps32(net => new Sgd<float>(net, Lr, L2), expected, 1e-6);
        CheckAgainstReference(net => new Sgd<double>(net, Lr, L2), Reference.Sgd);
    }

    [Fact]
    public void Momentum_matches_hand_computed_steps()
    {
        // Step 1: v = g = [0.25, -0.125, 0.3]; theta = theta - 0.1 v = [0.475, -0.2375, 0.095] (as SGD).
        // Step 2: g = [-0.0525, 0.17625, 0.1]; v = 0.9 v + g = [0.1725, 0.06375, 0.37];
        //   theta = [0.475 - 0.01725, -0.2375 - 0.006375, 0.095 - 0.037] = [0.45775, -0.243875, 0.058]
        double[][] expected =
        {
            new[] { 0.475, -0.2375, 0.095 },
            new[] { 0.45775, -0.243875, 0.058 },
        };
        CheckSteps(net => new SgdMomentum<double>(net, Lr, 0.9, nesterov: false, L2), expected, 1e-15);
        CheckSteps32(net => new SgdMomentum<float>(net, Lr, 0.9, nesterov: false, L2), expected, 1e-6);
        CheckAgainstReference(net => new SgdMomentum<double>(net, Lr, 0.9, nesterov: false, L2), Reference.Momentum(0.9, nesterov: false));
    }

    [Fact]
    public void Nesterov_matches_hand_computed_steps()
    {
        // Step 1: v = g = [0.25, -0.125, 0.3]; theta -= 0.1 (g + 0.9 v) = 0.19 g: [0.4525, -0.22625, 0.068].
        // Step 2: g = G/m + 0.1 theta (weights) = [-0.1 + 0.04525, 0.2 - 0.022625, 0.1] = [-0.05475, 0.177375, 0.1];
        //   v = 0.9 [0.25, -0.125, 0.3] + g = [0.17025, 0.064875, 0.37];
        //   theta -= 0.1 (g + 0.9 v) = 0.1 [0.098475, 0.2357625, 0.433]: [0.4426525, -0.24982625, 0.0247]
        double[][] expected =
        {
            new[] { 0.4525, -0.22625, 0.068 },
            new[] { 0.4426525, -0.24982625, 0.0247 },
        };
        CheckSteps(net => new SgdMomentum<double>(net, Lr, 0.9, nesterov: true, L2), expected, 1e-15);
        CheckSteps32(net => new SgdMomentum<float>(net, Lr, 0.9, nesterov: true, L2), expected, 1e-6);
        CheckAgainstReference(net => new SgdMomentum<double>(net, Lr, 0.9, nesterov: true, L2), Reference.Momentum(0.9, nesterov: true));
    }

    [Fact]
    public void Adam_matches_hand_computed_steps()
    {
        // Step 1 (t = 1): m1 = 0.1 g, m2 = 0.001 g^2, so m1hat = g and m2hat = g^2:
        //   theta -= lr g / (|g| + eps) = 0.1 sign(g) (1 - eps/|g|)  ->  [0.4, -0.15, 0.025] to within 4e-9.
        // Step 2 (t = 2): g = [-0.1 + 0.04, 0.2 - 0.015, 0.1] = [-0.06, 0.185, 0.1] (weights decay 0.1 theta);
        //   m1 = 0.9 * 0.1 g1 + 0.1 g2 = [0.0165, 0.00725, 0.037];  m2 = 0.999 * 0.001 g1^2 + 0.001 g2^2
        //      = [0.0000660375, 0.000049834375, 0.00009991];
        //   m1hat = m1 / 0.19, m2hat = m2 / 0.001999;  theta -= 0.1 m1hat / (sqrt(m2hat) + 1e-8)
        double w0 = 0.4 - (0.1 * (0.0165 / 0.19) / (Math.Sqrt(0.0000660375 / 0.001999) + 1e-8));
        double w1 = -0.15 - (0.1 * (0.00725 / 0.19) / (Math.Sqrt(0.000049834375 / 0.001999) + 1e-8));
        double b = 0.025 - (0.1 * (0.037 / 0.19) / (Math.Sqrt(0.00009991 / 0.001999) + 1e-8));
        double[][] expected =
        {
            new[] { 0.4, -0.15, 0.025 },
            new[] { w0, w1, b },
        };
        CheckSteps(net => new Adam<double>(net, Lr, 0.9, 0.999, 1e-8, L2), expected, 1e-7);
        CheckSteps32(net => new Adam<float>(net, Lr, 0.9, 0.999, 1e-8, L2), expected, 2e-6);
        CheckAgainstReference(net => new Adam<double>(net, Lr, 0.9, 0.999, 1e-8, L2), Reference.Adam(0.9, 0.999, 1e-8));
    }

    [Fact]
    public void Step_zeroes_gradients_and_counts_steps()
    {
        var net = new ManualNetwork<double>();
        var adam = new Adam<double>(net, Lr);
        G[0].CopyTo(net.Gradients);
        adam.Step(M);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0d, g));
        Assert.Equal(1, adam.StepCount);
        Assert.NotEqual(0d, adam.FirstMoment[0]);
        adam.Reset();
        Assert.Equal(0, adam.StepCount);
        Assert.All(adam.FirstMoment.ToArray(), v => Assert.Equal(0d, v));
        Assert.All(adam.SecondMoment.ToArray(), v => Assert.Equal(0d, v));
    }

    [Fact]
    public void Sgd_is_bit_identical_to_ApplyGradients_float()
    {
        var a = new Tiny32();
        var b = new Tiny32();
        var sgd = new Sgd<float>(b, 0.3, 0.05);
        for (int step = 0; step < 6; step++)
        {
            int m = 1 + (step % 4);
            float[] x = Rows.Uniform32(100 + step, m * Tiny32.InputCount);
            float[] y = Rows.Uniform32(200 + step, m * Tiny32.OutputCount, 0.1, 0.9);
            for (int i = 0; i < m; i++)
            {
                a.Backward(x.AsSpan(i * 3, 3), y.AsSpan(i * 2, 2));
                b.Backward(x.AsSpan(i * 3, 3), y.AsSpan(i * 2, 2));
            }

            a.ApplyGradients(0.3f, m, 0.05f);
            sgd.Step(m);
            Assert.Equal(Bits.Of(a.Parameters), Bits.Of(b.Parameters));
            Assert.All(b.Gradients.ToArray(), g => Assert.Equal(0f, g));
        }
    }

    [Fact]
    public void Sgd_is_bit_identical_to_ApplyGradients_double()
    {
        var a = new Tiny64();
        var b = new Tiny64();
        var sgd = new Sgd<double>(b, 0.3, 0.05);
        for (int step = 0; step < 6; step++)
        {
            int m = 1 + (step % 4);
            double[] x = Rows.Uniform(100 + step, m * Tiny64.InputCount);
            double[] y = Rows.Uniform(200 + step, m * Tiny64.OutputCount, 0.1, 0.9);
            for (int i = 0; i < m; i++)
            {
                a.Backward(x.AsSpan(i * 3, 3), y.AsSpan(i * 2, 2));
                b.Backward(x.AsSpan(i * 3, 3), y.AsSpan(i * 2, 2));
            }

            a.ApplyGradients(0.3, m, 0.05);
            sgd.Step(m);
            Assert.Equal(Bits.Of(a.Parameters), Bits.Of(b.Parameters));
        }
    }

    [Fact]
    public void Optimizers_on_a_generated_network_follow_the_reference()
    {
        // Real gradients, real layout (two layers of weights and biases): only weights are regularised.
        Check(n => new Sgd<double>(n, 0.2, 0.3), Reference.Sgd, 0.2, 0.3);
        Check(n => new SgdMomentum<double>(n, 0.2, 0.8, false, 0.3), Reference.Momentum(0.8, false), 0.2, 0.3);
        Check(n => new SgdMomentum<double>(n, 0.2, 0.8, true, 0.3), Reference.Momentum(0.8, true), 0.2, 0.3);
        Check(n => new Adam<double>(n, 0.01, 0.8, 0.95, 1e-6, 0.3), Reference.Adam(0.8, 0.95, 1e-6), 0.01, 0.3);

        static void Check(Func<INetwork<double>, Optimizer<double>> create, Reference.Rule rule, double lr, double l2)
        {
            var net = new Tiny64();
            Optimizer<double> optimizer = create(net);
            bool[] isWeight = NetworkLayout.WeightMask(net);
            double[] theta = net.Parameters.ToArray();
            var state = new Reference.State(theta.Length);
            for (int step = 1; step <= 3; step++)
            {
                const int m = 3;
                double[] x = Rows.Uniform(10 + step, m * 3);
                double[] y = Rows.Uniform(20 + step, m * 2, 0.1, 0.9);
                for (int i = 0; i < m; i++)
                {
                    net.Backward(x.AsSpan(i * 3, 3), y.AsSpan(i * 2, 2));
                }

                double[] grads = net.Gradients.ToArray();
                for (int p = 0; p < theta.Length; p++)
                {
                    double g = (grads[p] / m) + (isWeight[p] ? l2 / m * theta[p] : 0);
                    theta[p] = rule(theta[p], g, lr, step, state, p);
                }

                optimizer.Step(m);
                for (int p = 0; p < theta.Length; p++)
                {
                    Assert.Equal(theta[p], net.Parameters[p], 1e-13);
                }
            }
        }
    }

    [Fact]
    public void Momentum_zero_equals_plain_sgd_bit_for_bit()
    {
        var a = new Tiny32();
        var b = new Tiny32();
        var sgd = new Sgd<float>(a, 0.5, 0.1);
        var momentum = new SgdMomentum<float>(b, 0.5, 0, false, 0.1);
        for (int step = 0; step < 4; step++)
        {
            float[] x = Rows.Uniform32(step, 6);
            float[] y = Rows.Uniform32(50 + step, 4, 0.1, 0.9);
            foreach (INetwork<float> net in new INetwork<float>[] { a, b })
            {
                net.Backward(x.AsSpan(0, 3), y.AsSpan(0, 2));
                net.Backward(x.AsSpan(3, 3), y.AsSpan(2, 2));
            }

            sgd.Step(2);
            momentum.Step(2);
            Assert.Equal(Bits.Of(a.Parameters), Bits.Of(b.Parameters));
        }
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        var float32 = new Tiny32();
        var float64 = new Tiny64();
        Optimizer<float>[] singles = { new Sgd<float>(float32, 0.1, 0.1), new SgdMomentum<float>(float32, 0.1, 0.9, false, 0.1), new SgdMomentum<float>(float32, 0.1, 0.9, true), new Adam<float>(float32, 0.01, l2: 0.1) };
        Optimizer<double>[] doubles = { new Sgd<double>(float64, 0.1, 0.1), new SgdMomentum<double>(float64, 0.1, 0.9, false, 0.1), new SgdMomentum<double>(float64, 0.1, 0.9, true), new Adam<double>(float64, 0.01, l2: 0.1) };
        foreach (Optimizer<float> o in singles)
        {
            o.Step(4); // JIT warm-up
        }

        foreach (Optimizer<double> o in doubles)
        {
            o.Step(4);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            foreach (Optimizer<float> o in singles)
            {
                o.Step(4);
            }

            foreach (Optimizer<double> o in doubles)
            {
                o.Step(4);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Bad_hyperparameters_are_rejected()
    {
        var net = new Tiny32();
        Assert.Throws<ArgumentNullException>(() => new Sgd<float>(null!, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(net, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(net, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(net, 0.1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<float>(net, 0.1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<float>(net, 0.1, -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(net, beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(net, beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(net, epsilon: -1e-8));
        var sgd = new Sgd<float>(net, 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Step(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
        sgd.LearningRate = 0.5;
        Assert.Equal(0.5, sgd.LearningRate);
    }

    private static void CheckSteps(Func<INetwork<double>, Optimizer<double>> create, double[][] expected, double tolerance)
    {
        var net = new ManualNetwork<double>();
        Theta0.CopyTo(net.Parameters);
        Optimizer<double> optimizer = create(net);
        for (int step = 0; step < expected.Length; step++)
        {
            G[step].CopyTo(net.Gradients);
            optimizer.Step(M);
            for (int p = 0; p < 3; p++)
            {
                Assert.True(Math.Abs(expected[step][p] - net.Parameters[p]) <= tolerance, $"step {step + 1}, parameter {p}: expected {expected[step][p]:R}, got {net.Parameters[p]:R}");
            }
        }
    }

    private static void CheckSteps32(Func<INetwork<float>, Optimizer<float>> create, double[][] expected, double tolerance)
    {
        var net = new ManualNetwork<float>();
        Theta0.Select(t => (float)t).ToArray().CopyTo(net.Parameters);
        Optimizer<float> optimizer = create(net);
        for (int step = 0; step < expected.Length; step++)
        {
            G[step].Select(g => (float)g).ToArray().CopyTo(net.Gradients);
            optimizer.Step(M);
            for (int p = 0; p < 3; p++)
            {
                Assert.True(Math.Abs(expected[step][p] - net.Parameters[p]) <= tolerance, $"step {step + 1}, parameter {p}: expected {expected[step][p]:R}, got {net.Parameters[p]:R}");
            }
        }
    }

    /// <summary>All three steps of the hand-set network against the reference rule, to 1e-15.</summary>
    private static void CheckAgainstReference(Func<INetwork<double>, Optimizer<double>> create, Reference.Rule rule)
    {
        var net = new ManualNetwork<double>();
        Theta0.CopyTo(net.Parameters);
        Optimizer<double> optimizer = create(net);
        double[] theta = (double[])Theta0.Clone();
        var state = new Reference.State(3);
        for (int step = 1; step <= 3; step++)
        {
            for (int p = 0; p < 3; p++)
            {
                double g = (G[step - 1][p] / M) + (p < 2 ? L2 / M * theta[p] : 0);
                theta[p] = rule(theta[p], g, Lr, step, state, p);
            }

            G[step - 1].CopyTo(net.Gradients);
            optimizer.Step(M);
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(theta[p], net.Parameters[p], 1e-15);
            }
        }
    }

    /// <summary>The update rules as the textbooks (and PyTorch's documentation) write them, in double, one parameter at a time.</summary>
    private static class Reference
    {
        public delegate double Rule(double theta, double g, double lr, int t, State state, int p);

        public static double Sgd(double theta, double g, double lr, int t, State state, int p) => theta - (lr * g);

        public static Rule Momentum(double mu, bool nesterov) => (theta, g, lr, t, state, p) =>
        {
            state.V[p] = (mu * state.V[p]) + g;
            return nesterov ? theta - (lr * (g + (mu * state.V[p]))) : theta - (lr * state.V[p]);
        };

        public static Rule Adam(double beta1, double beta2, double eps) => (theta, g, lr, t, state, p) =>
        {
            state.M[p] = (beta1 * state.M[p]) + ((1 - beta1) * g);
            state.V[p] = (beta2 * state.V[p]) + ((1 - beta2) * g * g);
            double mHat = state.M[p] / (1 - Math.Pow(beta1, t));
            double vHat = state.V[p] / (1 - Math.Pow(beta2, t));
            return theta - (lr * mHat / (Math.Sqrt(vHat) + eps));
        };

        public sealed class State(int count)
        {
            public double[] M { get; } = new double[count];

            public double[] V { get; } = new double[count];
        }
    }
}
