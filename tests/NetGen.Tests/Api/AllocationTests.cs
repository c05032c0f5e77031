using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>"Nothing above allocates on the managed heap after construction" — measured per thread after a warm-up.</summary>
public sealed class AllocationTests
{
    private const int WarmUp = 300;
    private const int Iterations = 500;

    [Fact]
    public void Unrolled_double_network_does_not_allocate() =>
        Assert.Equal(0, AllocatedBytes<double>(new CE_Tanh_Softmax()));

    [Fact]
    public void Loop_shape_double_network_does_not_allocate() =>
        Assert.Equal(0, AllocatedBytes<double>(new Digits()));

    [Fact]
    public void Unrolled_single_network_does_not_allocate() =>
        Assert.Equal(0, AllocatedBytes<float>(new Encoder()));

    [Fact]
    public void Loop_shape_single_network_does_not_allocate() =>
        Assert.Equal(0, AllocatedBytes<float>(new F_Loop_SE_40_30_5()));

    [Fact]
    public void Struct_network_called_through_a_constrained_generic_does_not_allocate()
    {
        var net = new StructNetwork();
        Assert.Equal(0, AllocatedBytes<StructNetwork, double>(ref net));
    }

    /// <summary>Through the interface, as the runtime helpers call networks.</summary>
    private static long AllocatedBytes<T>(INetwork<T> net)
        where T : unmanaged
    {
        var x = new T[net.InputCount];
        var y = new T[net.OutputCount];
        var g = new T[net.OutputCount];
        T eta = TestData.FromDouble<T>(1e-3);
        T l2 = TestData.FromDouble<T>(1e-2);
        x.AsSpan().Fill(TestData.FromDouble<T>(0.5));
        y[0] = TestData.FromDouble<T>(1);

        for (int i = 0; i < WarmUp; i++)
        {
            Exercise(net, x, y, g, eta, l2);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Exercise(net, x, y, g, eta, l2);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Through a constrained type parameter: no boxing of a struct network.</summary>
    private static long AllocatedBytes<TNetwork, T>(ref TNetwork net)
        where TNetwork : struct, INetwork<T>
        where T : unmanaged
    {
        var x = new T[net.InputCount];
        var y = new T[net.OutputCount];
        var g = new T[net.OutputCount];
        T eta = TestData.FromDouble<T>(1e-3);
        for (int i = 0; i < WarmUp; i++)
        {
            Exercise<TNetwork, T>(ref net, x, y, g, eta);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Exercise<TNetwork, T>(ref net, x, y, g, eta);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Exercise<TNetwork, T>(ref TNetwork net, T[] x, T[] y, T[] g, T eta)
        where TNetwork : struct, INetwork<T>
        where T : unmanaged
    {
        net.Forward(x, g);
        net.Loss(x, y);
        net.Backward(x, y);
        net.ApplyGradients(eta, 1);
        net.TrainStep(x, y, eta);
        net.ZeroGradients();
        net.InitializeParameters(3);
    }

    private static void Exercise<T>(INetwork<T> net, T[] x, T[] y, T[] g, T eta, T l2)
        where T : unmanaged
    {
        net.Forward(x, g);
        net.Loss(x, y);
        net.Backward(x, y);
        net.Backward(x, y);
        net.ApplyGradients(eta, 2, l2);
        net.TrainStep(x, y, eta);
        net.ZeroGradients();
        _ = net.Parameters;
        _ = net.Gradients;
        _ = net.LayerSizes;
        net.InitializeParameters(7);
    }
}
