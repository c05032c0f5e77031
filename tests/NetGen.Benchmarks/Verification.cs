using System;
using System.IO;
using System.Linq;
using NetGen.Benchmarks.Implementations;

namespace NetGen.Benchmarks;

/// <summary>
/// Before any timing: the four implementations must compute the same thing, or their ratios mean nothing.
/// Per topology, all four get NetGen's initial parameters, then
///   1. inference on every example of the data set: outputs agree (and NetGen's ForwardBatch agrees with its Forward);
///   2. one online step on example 0 (eta = 0.5): all parameters (and E, where returned) agree;
///   3. from the initial parameters again, one batch step over the m examples (eta = 1): all parameters agree
///      (and NetGen's BackwardBatch + ApplyGradients agrees with its m x Backward + ApplyGradients);
/// to |a - b| &lt;= 1e-4 max(1, |b|), b NetGen's value; and each step must move some parameter by at least 1e-3
/// (so that the comparison is not vacuous).
/// </summary>
public static unsafe class Verification
{
    public const double Tolerance = 1e-4;
    private const float StepEta = 0.5f;
    private const float BatchEta = 1f;
    private const double MinimumMove = 1e-3;

    /// <summary>Checks every topology; writes one line per check; returns false if any failed.</summary>
    public static bool Run(TextWriter log)
    {
        NativeLibraries.EnsureLoaded();
        log.WriteLine($"verify: NetGen vs Eigen, FANN and plain C# arrays; tolerance {Tolerance:0e0} x max(1, |NetGen|)");
        log.WriteLine($"  {"topology",-15} {"check",-22} {"Eigen",10} {"FANN",10} {"plain",10} {"batch API",10}  moved");
        bool ok = true;
        foreach (Topology t in Topology.All)
        {
            ok &= Check(t, log);
        }

        log.WriteLine(ok ? "verify: OK, all implementations agree" : "verify: FAILED, the implementations disagree (see FAIL above); not benchmarking");
        return ok;
    }

    private static bool Check(Topology t, TextWriter log)
    {
        Dataset data = Dataset.Create(t);
        int nIn = t.InputCount, nOut = t.OutputCount, m = data.Count;
        INetwork<float> net = t.CreateNetGen();
        var batchNet = net as IBatchNetwork<float>;   // NetGen's batched matrix form
        net.InitializeParameters(Suites.TopologyBenchmark.Seed);
        float[] initial = net.Parameters.ToArray();

        using var fann = new FannNetwork(t, data);
        using var eigen = new EigenNetwork(t);
        var plain = new PlainNetwork(t.Sizes, t.TanhHidden);
        void LoadAll()
        {
            initial.CopyTo(net.Parameters);
            net.ZeroGradients();
            fann.SetParameters(initial);
            eigen.SetParameters(initial);
            plain.SetParameters(initial);
        }

        bool ok = true;
        var pNet = new float[t.ParameterCount];
        var pEigen = new float[t.ParameterCount];
        var pFann = new float[t.ParameterCount];
        var pPlain = new float[t.ParameterCount];
        void ReadAll()
        {
            net.Parameters.CopyTo(pNet);
            eigen.GetParameters(pEigen);
            fann.GetParameters(pFann);
            plain.GetParameters(pPlain);
        }

        // 0. the parameters round-trip exactly through every implementation's own layout
        LoadAll();
        ReadAll();
        ok &= Line(log, t, "load/store parameters", Scaled(pEigen, initial, exact: true), Scaled(pFann, initial, exact: true),
                   Scaled(pPlain, initial, exact: true), double.NaN, moved: null);

        // 1. inference
        double eOut = 0, fOut = 0, pOut = 0;
        var g = new float[nOut];
        var gEigen = new float[nOut];
        var gFann = new float[nOut];
        var gPlain = new float[nOut];
        for (int n = 0; n < m; n++)
        {
            net.Forward(data.Inputs[n], g);
            fixed (float* o = gEigen)
            {
                eigen.Forward(data.XPtr + n * nIn, o);
            }

            fixed (float* o = gFann)
            {
                fann.Forward(data.XPtr + n * nIn, o);
            }

            plain.Forward(data.Inputs[n], gPlain);
            eOut = Math.Max(eOut, Scaled(gEigen, g));
            fOut = Math.Max(fOut, Scaled(gFann, g));
            pOut = Math.Max(pOut, Scaled(gPlain, g));
        }

        double bOut = double.NaN;
        if (batchNet is not null)
        {
            var all = new float[m * nOut];
            var one = new float[nOut];
            batchNet.ForwardBatch(data.X, all);
            bOut = 0;
            for (int n = 0; n < m; n++)
            {
                net.Forward(data.Inputs[n], one);
                bOut = Math.Max(bOut, Scaled(all.AsSpan(n * nOut, nOut).ToArray(), one));
            }
        }

        ok &= Line(log, t, $"Forward x {m}", eOut, fOut, pOut, bOut, moved: null);

        // 2. one online step
        float eNet = net.TrainStep(data.Inputs[0], data.Targets[0], StepEta);
        float eEigen = eigen.TrainStep(data.XPtr, data.YPtr, StepEta);
        fann.SetLearningRate(StepEta);
        fann.TrainStep(data.XPtr, data.YPtr);
        float ePlain = plain.TrainStep(data.Inputs[0], data.Targets[0], StepEta);
        ReadAll();
        ok &= Line(log, t, "TrainStep: E", Math.Abs(eEigen - eNet) / Tolerance, double.NaN, Math.Abs(ePlain - eNet) / Tolerance, double.NaN,
                   moved: null);
        ok &= Line(log, t, "TrainStep: parameters", Scaled(pEigen, pNet), Scaled(pFann, pNet), Scaled(pPlain, pNet), double.NaN,
                   moved: Moved(pNet, initial));

        // 3. one batch step over the m examples
        LoadAll();
        for (int n = 0; n < m; n++)
        {
            net.Backward(data.Inputs[n], data.Targets[n]);
        }

        net.ApplyGradients(BatchEta, m);
        eigen.BatchStep(data.XPtr, data.YPtr, BatchEta);
        fann.SetLearningRate(BatchEta);
        fann.BatchStep();
        plain.BatchStep(data.Inputs, data.Targets, m, BatchEta);
        ReadAll();
        double bStep = double.NaN;
        if (batchNet is not null)
        {
            var pBatch = new float[t.ParameterCount];
            var other = (IBatchNetwork<float>)t.CreateNetGen();
            initial.CopyTo(other.Parameters);
            other.ZeroGradients();
            other.BackwardBatch(data.X, data.Y);
            other.ApplyGradients(BatchEta, m);
            other.Parameters.CopyTo(pBatch);
            bStep = Scaled(pBatch, pNet);
        }

        ok &= Line(log, t, $"batch step, m = {m}", Scaled(pEigen, pNet), Scaled(pFann, pNet), Scaled(pPlain, pNet), bStep,
                   moved: Moved(pNet, initial));
        return ok;
    }

    private static bool Line(TextWriter log, Topology t, string check, double eigen, double fann, double plain, double batchApi, double? moved)
    {
        static bool Good(double d) => double.IsNaN(d) || d <= 1;   // d is already divided by the tolerance
        bool ok = Good(eigen) && Good(fann) && Good(plain) && Good(batchApi) && (moved is null || moved >= MinimumMove);
        static string F(double d) => double.IsNaN(d) ? "-" : (d * Tolerance).ToString("0.0e0", System.Globalization.CultureInfo.InvariantCulture);
        string movedText = moved is null ? "" : moved.Value.ToString("0.0e0", System.Globalization.CultureInfo.InvariantCulture);
        log.WriteLine($"  {t.Name,-15} {check,-22} {F(eigen),10} {F(fann),10} {F(plain),10} {F(batchApi),10}  {movedText,-8}{(ok ? "" : "  FAIL")}");
        return ok;
    }

    // max |a - b| / (tolerance * max(1, |b|)): <= 1 passes. With exact, any difference fails.
    private static double Scaled(float[] a, float[] b, bool exact = false)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs((double)a[i] - b[i]);
            double scaled = exact ? (d == 0 ? 0 : double.PositiveInfinity) : d / (Tolerance * Math.Max(1, Math.Abs(b[i])));
            if (double.IsNaN(d))
            {
                scaled = double.PositiveInfinity;
            }

            worst = Math.Max(worst, scaled);
        }

        return worst;
    }

    // For "moved": the plain max |a - b|.
    private static double Moved(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
