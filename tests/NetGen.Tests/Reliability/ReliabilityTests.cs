using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Training;
using NetGen.__Internals;
using Xunit;

namespace NetGen.Tests;

/// <summary>Kernel shape, 2 inputs, a 512-unit hidden layer: the workspace is 514 values per example.</summary>
[Network(2, 512, 1, Output = Activation.Identity)]
public partial class WideHidden
{
}

/// <summary>One input, 4,096 hidden units: the batch workspace is 4,097 values per example.</summary>
[Network(1, 4096, 1, Unroll = Unroll.Never)]
public partial class TallHidden
{
}

/// <summary>More outputs than inputs: m × OutputCount wraps in 32 bits long before the input does.</summary>
[Network(1, 4, 4096, Output = Activation.Identity, Unroll = Unroll.Never)]
public partial class WideOutput
{
}

/// <summary>Same sizes as <see cref="ParallelNet"/>, another activation: not a valid worker copy for it.</summary>
[Network(50, 40, 6, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
public partial class ParallelNetReLU
{
}

/// <summary>
/// The outside stress test's repros (the networks of the three body shapes come from the catalog: Encoder unrolled,
/// F_Loop_Digits Vector256 code or kernels in float, Digits kernels in double), issue 13, replayed so they stay fixed: batches whose sizes overflow 32-bit
/// arithmetic, non-finite values and hyperparameters, and worker factories that do not give new instances.
/// </summary>
public class ReliabilityTests
{
    // ---- 1. Batch sizes whose products overflow int: a clear ArgumentException, no access violation ----

    [Fact]
    public void ForwardBatch_whose_workspace_would_wrap_around_throws_naming_the_batch_size()
    {
        // m = 8,388,609 rows (64 MB of input): m * 514 = 4,311,745,026 wrapped to 16,777,730 and passed every check.
        const int m = 8_388_609;
        var net = new WideHidden();
        float[] before = net.Parameters.ToArray();
        var inputs = new float[m * WideHidden.InputCount];
        var outputs = new float[m * WideHidden.OutputCount];
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.ForwardBatch(inputs, outputs));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("m = 8388609", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than one array can hold (2147483591). Pass batches of at most ", e.Message, StringComparison.Ordinal);
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters));
    }

    [Fact]
    public void BackwardBatch_whose_workspace_would_wrap_around_throws_and_leaves_gradients_alone()
    {
        const int m = 1_048_577;
        var net = new TallHidden();
        var inputs = new float[m];
        var targets = new float[m];
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.BackwardBatch(inputs, targets));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("m = 1048577", e.Message, StringComparison.Ordinal);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));

        e = Assert.Throws<ArgumentException>(() => net.ForwardBatch(inputs, targets));
        Assert.Equal("inputs", e.ParamName);
    }

    [Fact]
    public void Output_length_check_is_not_fooled_by_a_product_that_wraps_to_the_given_length()
    {
        // m = 2^20 + 1 rows: m * 4096 = 2^32 + 4096, which wraps to exactly 4096 in 32 bits.
        const int m = (1 << 20) + 1;
        var net = new WideOutput();
        var inputs = new float[m];
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.ForwardBatch(inputs, new float[4096]));
        Assert.Equal("outputs", e.ParamName);
        Assert.Contains("4294971392", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => net.BackwardBatch(inputs, new float[4096]));
        Assert.Equal("targets", e.ParamName);
    }

    [Fact]
    public void Kernels_check_their_sizes_in_64_bits()
    {
        // 65,537 x 65,536 wraps to 65,536: the old check let the product write far past c.
        var a = new float[65_537];
        var b = new float[65_536];
        var c = new float[65_536];
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyTransposed<float>(a, b, default, c, 65_537, 65_536, 1));
        Assert.Throws<ArgumentException>(() => Kernels.BroadcastRows<float>(default, c, 65_537, 65_536));
        Assert.Throws<ArgumentException>(() => Kernels.Transpose<float>(a, c, 65_537, 65_536));
    }

    // ---- 2. Non-finite values: refused before anything changes ----

    public static TheoryData<string, float> NonFinite => new()
    {
        { "input", float.NaN },
        { "input", float.PositiveInfinity },
        { "target", float.NaN },
        { "target", float.NegativeInfinity },
    };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void TrainStep_and_Backward_refuse_a_non_finite_value_in_every_shape(string where, float value)
    {
        Check(new Encoder());
        Check(new F_Loop_Digits());
        CheckDouble(new Digits());

        void Check(INetwork<float> net)
        {
            float[] x = Enumerable.Range(0, net.InputCount).Select(i => 0.1f * (i % 7)).ToArray();
            float[] y = new float[net.OutputCount];
            y[0] = 1;
            (where == "input" ? x : y)[where == "input" ? net.InputCount - 1 : 0] = value;
            float[] parameters = net.Parameters.ToArray();
            ArgumentException e = Assert.Throws<ArgumentException>(() => net.TrainStep(x, y, 0.1f));
            Assert.Equal(where, e.ParamName);
            Assert.Contains(value is float.NaN ? "NaN" : "Infinity", e.Message, StringComparison.Ordinal);
            e = Assert.Throws<ArgumentException>(() => net.Backward(x, y));
            Assert.Equal(where, e.ParamName);
            Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
            Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));
            if (net is IBatchNetwork<float> batch)
            {
                e = Assert.Throws<ArgumentException>(() => batch.BackwardBatch(x.Concat(x).ToArray(), y.Concat(y).ToArray()));
                Assert.Equal(where + "s", e.ParamName);
                Assert.Contains("row 0", e.Message, StringComparison.Ordinal);
                Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));
            }
        }

        void CheckDouble(INetwork<double> net)
        {
            double[] x = new double[net.InputCount];
            double[] y = new double[net.OutputCount];
            y[0] = 1;
            (where == "input" ? x : y)[0] = value;
            double[] parameters = net.Parameters.ToArray();
            ArgumentException e = Assert.Throws<ArgumentException>(() => net.TrainStep(x, y, 0.1));
            Assert.Equal(where, e.ParamName);
            Assert.Throws<ArgumentException>(() => net.Backward(x, y));
            Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
            Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0d, g));
        }
    }

    [Fact]
    public void A_loss_that_overflows_stops_TrainStep_before_any_parameter_changes()
    {
        // Finite but huge inputs: z overflows to ±∞, the softmax gives NaN, and before the check every weight did.
        var net = new F_Loop_Digits();
        float[] x = Enumerable.Repeat(3e38f, F_Loop_Digits.InputCount).ToArray();
        float[] y = new float[F_Loop_Digits.OutputCount];
        y[3] = 1;
        float[] parameters = net.Parameters.ToArray();
        ArithmeticException e = Assert.Throws<ArithmeticException>(() => net.TrainStep(x, y, 0.1f));
        Assert.Contains("Nothing was changed", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArithmeticException>(() => net.Backward(x, y));
        Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [InlineData("learningRate", float.NaN)]
    [InlineData("learningRate", -0.1f)]
    [InlineData("learningRate", float.PositiveInfinity)]
    [InlineData("l2", float.NaN)]
    [InlineData("l2", -1f)]
    public void ApplyGradients_refuses_a_bad_learning_rate_or_l2_and_changes_nothing(string name, float value)
    {
        var net = new F_Loop_Digits();
        var x = new float[F_Loop_Digits.InputCount];
        var y = new float[F_Loop_Digits.OutputCount];
        y[1] = 1;
        net.Backward(x, y);
        float[] parameters = net.Parameters.ToArray();
        float[] gradients = net.Gradients.ToArray();
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(
            () => net.ApplyGradients(name == "learningRate" ? value : 0.1f, 1, name == "l2" ? value : 0f));
        Assert.Equal(name, e.ParamName);
        Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
        Assert.True(gradients.AsSpan().SequenceEqual(net.Gradients), "gradients changed");
        if (name == "learningRate")
        {
            e = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(x, y, value));
            Assert.Equal("learningRate", e.ParamName);
            Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
        }
    }

    [Fact]
    public void ApplyGradients_and_optimizers_refuse_non_finite_gradients_and_change_nothing()
    {
        var net = new Encoder();
        net.Gradients[5] = float.NaN;
        float[] parameters = net.Parameters.ToArray();
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => net.ApplyGradients(0.1f));
        Assert.Contains("Gradients[5] is NaN", e.Message, StringComparison.Ordinal);
        Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
        Assert.True(float.IsNaN(net.Gradients[5]), "gradients were cleared");

        var adam = new Adam<float>(net, 0.01);
        Assert.Throws<InvalidOperationException>(() => adam.Step(1));
        Assert.Equal(0, adam.StepCount);
        Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
        net.Gradients[5] = float.PositiveInfinity;
        Assert.Throws<InvalidOperationException>(() => new SgdMomentum<float>(net, 0.01).Step(1));
        Assert.Throws<InvalidOperationException>(() => new Sgd<float>(net, 0.01).Step(1));
        Assert.True(parameters.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
    }

    [Fact]
    public void Optimizers_refuse_a_rate_that_is_infinite_as_a_float()
    {
        var net = new Encoder();
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(net, 1e39));
        Assert.Equal("LearningRate", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(net, 1e39));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<float>(net, 1e39));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(net, 0.1, l2: 1e39));
        var sgd = new Sgd<float>(net, 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = 1e39);
        Assert.Equal(0.1, sgd.LearningRate);

        // A double network takes the same rate (it is finite there).
        Assert.Equal(1e39, new Sgd<double>(new Digits(), 1e39).LearningRate);
    }

    [Fact]
    public void Accuracy_refuses_non_finite_inputs_and_never_counts_a_NaN_output_as_class_0()
    {
        var net = new F_Loop_Digits();
        var x = new float[3 * F_Loop_Digits.InputCount];
        int[] labels = { 0, 0, 0 };
        x[F_Loop_Digits.InputCount + 5] = float.NaN;
        ArgumentException e = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(net, x, labels));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("row 1, column 5", e.Message, StringComparison.Ordinal);

        // A network whose parameters diverged: every output NaN, no prediction, accuracy 0 (was 1: all "class 0").
        x[F_Loop_Digits.InputCount + 5] = 0;
        net.Parameters.Fill(float.NaN);
        Assert.Equal(0, Evaluation.Accuracy(net, x, labels));
        ConfusionMatrix matrix = Evaluation.ConfusionMatrixOf(net, x, labels);
        Assert.Equal(3, matrix.Unpredicted);
        Assert.Equal(0, matrix[0, 0]);
        Assert.Contains("3 with a NaN output", matrix.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArithmeticException>(() => Evaluation.Predict<float>(net, x.AsSpan(0, F_Loop_Digits.InputCount)));
    }

    // ---- 6. ParallelBatch: each worker a distinct instance of the same generated type ----

    [Fact]
    public void ParallelBatch_refuses_a_factory_that_returns_one_shared_instance()
    {
        var net = new ParallelNet();
        var shared = new ParallelNet();

        // The rule itself (three workers need three processors; this machine may have two).
        var instances = new IBatchNetwork<double>[] { net, shared, null! };
        ArgumentException e = Assert.Throws<ArgumentException>(() => ParallelBatch<double>.CheckCopy(shared, instances, 2));
        Assert.Equal("createCopy", e.ParamName);
        Assert.Contains("same instance twice", e.Message, StringComparison.Ordinal);
        ParallelBatch<double>.CheckCopy(new ParallelNet(), instances, 2);
        if (Environment.ProcessorCount >= 3)
        {
            Assert.Throws<ArgumentException>(() => new ParallelBatch<double>(net, () => shared, 3));
        }

        ArgumentException self = Assert.Throws<ArgumentException>(() => new ParallelBatch<double>(net, () => net, 2));
        Assert.Equal("createCopy", self.ParamName);
        Assert.Contains("the network itself", self.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelBatch_refuses_a_copy_of_another_type_with_the_same_sizes()
    {
        var net = new ParallelNet();
        ArgumentException e = Assert.Throws<ArgumentException>(() => new ParallelBatch<double>(net, () => new ParallelNetReLU(), 2));
        Assert.Equal("createCopy", e.ParamName);
        Assert.Contains("ParallelNetReLU", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelBatch_bounds_its_workers_by_the_processor_count()
    {
        var net = new ParallelNet();
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelBatch<double>(net, () => new ParallelNet(), 2000));
        Assert.Equal("workers", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelBatch<double>(net, () => new ParallelNet(), -1));
        using var all = new ParallelBatch<double>(net, () => new ParallelNet());
        Assert.Equal(Environment.ProcessorCount, all.WorkerCount);
    }

    [Fact]
    public void ParallelBatch_refuses_a_non_finite_row_before_any_worker_adds_anything()
    {
        var net = new ParallelNet();
        using var parallel = new ParallelBatch<double>(net, () => new ParallelNet(), 2);
        var x = new double[8 * ParallelNet.InputCount];
        var y = new double[8 * ParallelNet.OutputCount];
        x[(7 * ParallelNet.InputCount) + 3] = double.NaN;
        ArgumentException e = Assert.Throws<ArgumentException>(() => parallel.BackwardBatch(x, y));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("row 7, column 3", e.Message, StringComparison.Ordinal);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0d, g));

        // The workers are still usable afterwards.
        x[(7 * ParallelNet.InputCount) + 3] = 0;
        parallel.BackwardBatch(x, y);
    }
}
