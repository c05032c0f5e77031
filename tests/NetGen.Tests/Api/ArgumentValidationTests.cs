using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Wrong span lengths throw <see cref="ArgumentException"/> naming the parameter, the expected and the actual length;
/// a batch size below 1 throws <see cref="ArgumentOutOfRangeException"/>. A rejected call changes nothing.
/// </summary>
public sealed class ArgumentValidationTests
{
    [Theory]
    [MemberData(nameof(NetworkCatalog.DoubleNames), MemberType = typeof(NetworkCatalog))]
    public void Wrong_span_lengths_are_rejected_double(string name) => AssertWrongLengthsRejected(NetworkCatalog.Double(name));

    [Theory]
    [MemberData(nameof(NetworkCatalog.SingleNames), MemberType = typeof(NetworkCatalog))]
    public void Wrong_span_lengths_are_rejected_single(string name) => AssertWrongLengthsRejected(NetworkCatalog.Single(name));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ApplyGradients_rejects_a_batch_size_below_1(int batchSize)
    {
        foreach (NetworkCase<double> c in new[] { NetworkCatalog.Double("SE_Sigmoid_Sigmoid"), NetworkCatalog.Double("Digits") })
        {
            INetwork<double> net = c.Create();
            net.Backward(new double[net.InputCount], new double[net.OutputCount]);
            double[] theta = net.Parameters.ToArray(), gradients = net.Gradients.ToArray();

            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => net.ApplyGradients(0.1, batchSize));
            Assert.Equal("batchSize", e.ParamName);
            Assert.Equal(theta, net.Parameters.ToArray());
            Assert.Equal(gradients, net.Gradients.ToArray());
        }

        INetwork<float> single = NetworkCatalog.Single("F_Loop_Digits").Create();
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => single.ApplyGradients(0.1f, batchSize, 0.5f)).ParamName);
    }

    private static void AssertWrongLengthsRejected<T>(NetworkCase<T> c)
        where T : unmanaged
    {
        INetwork<T> net = c.Create();
        int n0 = net.InputCount, nL = net.OutputCount;
        var x = new T[n0];
        var y = new T[nL];
        var g = new T[nL];
        net.Backward(x, y); // some nonzero gradients, to see that a rejected call leaves them alone
        T[] theta = net.Parameters.ToArray(), gradients = net.Gradients.ToArray();
        T eta = TestData.FromDouble<T>(0.5);

        foreach (int wrongInput in WrongLengths(n0))
        {
            var bad = new T[wrongInput];
            AssertRejected(() => net.Forward(bad, new T[nL]), "input", n0, wrongInput, c.Name + ".Forward");
            AssertRejected(() => net.Loss(bad, y), "input", n0, wrongInput, c.Name + ".Loss");
            AssertRejected(() => net.Backward(bad, y), "input", n0, wrongInput, c.Name + ".Backward");
            AssertRejected(() => net.TrainStep(bad, y, eta), "input", n0, wrongInput, c.Name + ".TrainStep");
        }

        foreach (int wrongOutput in WrongLengths(nL))
        {
            var bad = new T[wrongOutput];
            AssertRejected(() => net.Forward(x, bad), "output", nL, wrongOutput, c.Name + ".Forward");
            AssertRejected(() => net.Loss(x, bad), "target", nL, wrongOutput, c.Name + ".Loss");
            AssertRejected(() => net.Backward(x, bad), "target", nL, wrongOutput, c.Name + ".Backward");
            AssertRejected(() => net.TrainStep(x, bad, eta), "target", nL, wrongOutput, c.Name + ".TrainStep");
        }

        Assert.True(Compare.Bitwise<T>(theta, net.Parameters), c.Name + ": a rejected call changed the parameters");
        Assert.True(Compare.Bitwise<T>(gradients, net.Gradients), c.Name + ": a rejected call changed the gradients");

        // The right lengths still work afterwards.
        net.Forward(x, g);
    }

    /// <summary>Lengths that are wrong by one either way, empty, and far too long.</summary>
    private static int[] WrongLengths(int expected) =>
        new[] { 0, expected - 1, expected + 1, (2 * expected) + 7 }.Where(n => n >= 0 && n != expected).Distinct().ToArray();

    private static void AssertRejected(Action call, string parameter, int expected, int actual, string what)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(e.GetType() == typeof(ArgumentException), $"{what}: threw {e.GetType().Name}, expected ArgumentException");
        Assert.True(e.ParamName == parameter, $"{what}: ParamName '{e.ParamName}', expected '{parameter}'");
        Assert.True(ContainsNumber(e.Message, expected), $"{what}: message does not state the expected length {expected}: {e.Message}");
        Assert.True(ContainsNumber(e.Message, actual), $"{what}: message does not state the actual length {actual}: {e.Message}");
    }

    private static bool ContainsNumber(string message, int number) =>
        Regex.IsMatch(message, $@"(?<![\d.]){number}(?![\d])");
}
