using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>The table the theories run over covers what the brief promises: every legal combination, both shapes.</summary>
public sealed class CatalogTests
{
    private static readonly Activation[] HiddenActivations = { Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.Identity };

    private static readonly Activation[] OutputActivations = { Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.Identity, Activation.Softmax };

    private static IEnumerable<(Activation Output, LossFunction Loss)> LegalOutputLossPairs() =>
        OutputActivations.Select(o => (o, LossFunction.SquaredError))
            .Concat(new[] { (Activation.Sigmoid, LossFunction.CrossEntropy), (Activation.Softmax, LossFunction.CrossEntropy) });

    [Fact]
    public void Every_legal_combination_is_declared_in_double_precision()
    {
        var declared = NetworkCatalog.Doubles.Select(c => (c.Spec.Hidden, c.Spec.Output, c.Spec.Loss, c.Spec.Bias)).ToHashSet();
        var legal = (from h in HiddenActivations
                     from pair in LegalOutputLossPairs()
                     from bias in new[] { true, false }
                     select (h, pair.Output, pair.Loss, bias)).ToList();

        Assert.Equal(56, legal.Count);
        Assert.DoesNotContain(legal, c => !declared.Contains(c));
        Assert.All(NetworkCatalog.Doubles, c => Assert.Equal(Precision.Double, c.Spec.Precision));
    }

    [Fact]
    public void Every_output_and_loss_pair_is_declared_in_single_precision()
    {
        var declared = NetworkCatalog.Singles.Select(c => (c.Spec.Output, c.Spec.Loss)).ToHashSet();
        Assert.DoesNotContain(LegalOutputLossPairs(), p => !declared.Contains(p));
        Assert.All(NetworkCatalog.Singles, c => Assert.Equal(Precision.Single, c.Spec.Precision));
    }

    /// <summary>The activations and losses added after the first ones: each in both shapes, hidden and output, in double.</summary>
    [Fact]
    public void Every_new_activation_and_loss_is_covered_in_both_shapes_and_positions()
    {
        Activation[] added = { Activation.LeakyReLU, Activation.ELU, Activation.GELU, Activation.SiLU, Activation.Softplus };
        foreach (Activation f in added)
        {
            foreach (bool loop in new[] { false, true })
            {
                Assert.Contains(NetworkCatalog.Doubles, c => c.IsLoopShape == loop && c.Spec.Activations is { } a && a.Take(a.Length - 1).Contains(f));
                Assert.Contains(NetworkCatalog.Doubles, c => c.IsLoopShape == loop && c.Spec.Activations is { } a && a[^1] == f);
            }
        }

        foreach (LossFunction loss in new[] { LossFunction.Huber, LossFunction.AbsoluteError })
        {
            Assert.Contains(NetworkCatalog.Doubles, c => !c.IsLoopShape && c.Spec.Loss == loss);
            Assert.Contains(NetworkCatalog.Doubles, c => c.IsLoopShape && c.Spec.Loss == loss && c.Spec.Sizes.Max() <= 64);
            Assert.Contains(NetworkCatalog.Doubles, c => c.IsLoopShape && c.Spec.Loss == loss && c.Spec.Sizes.Max() > 64);
        }
    }

    [Fact]
    public void Both_code_shapes_are_covered_for_both_losses_and_precisions()
    {
        foreach (LossFunction loss in new[] { LossFunction.SquaredError, LossFunction.CrossEntropy })
        {
            Assert.Contains(NetworkCatalog.Doubles, c => c.IsLoopShape && c.Spec.Loss == loss);
            Assert.Contains(NetworkCatalog.Doubles, c => !c.IsLoopShape && c.Spec.Loss == loss);
            Assert.Contains(NetworkCatalog.Singles, c => c.IsLoopShape && c.Spec.Loss == loss);
        }

        // The unroll limit itself: the largest unrolled network and the smallest loop-shape one.
        Assert.Contains(NetworkCatalog.Doubles, c => c.Reference.ParameterCount == NetworkCatalog.UnrollLimit);
        Assert.Contains(NetworkCatalog.Doubles, c => c.Reference.ParameterCount == NetworkCatalog.UnrollLimit + 1);
    }

    /// <summary>
    /// Networks declared only so that batch sizes past 32-bit products can be refused (ReliabilityTests): kernel-shaped
    /// float networks like several in the catalog, but with 2,049 to 20,488 parameters their gradient checks would cost
    /// 36 s of every test run.
    /// </summary>
    private static readonly Type[] SizeCheckOnly = { typeof(WideHidden), typeof(TallHidden), typeof(WideOutput) };

    [Fact]
    public void Every_declared_network_type_is_in_the_catalog()
    {
        var declared = typeof(CatalogTests).Assembly.GetTypes()
            .Where(t => Attribute.IsDefined(t, typeof(NetworkAttribute), inherit: false))
            .Select(t => t.Name)
            .ToList();
        var listed = NetworkCatalog.Doubles.Select(c => c.Name.Split('.').Last()).Concat(NetworkCatalog.Singles.Select(c => c.Name))
            .Concat(SizeCheckOnly.Select(t => t.Name)).ToList();

        Assert.Equal(declared.OrderBy(n => n, StringComparer.Ordinal), listed.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_declared_network_type_implements_INetwork_of_its_precision()
    {
        foreach (Type type in typeof(CatalogTests).Assembly.GetTypes().Where(t => Attribute.IsDefined(t, typeof(NetworkAttribute), inherit: false)))
        {
            NetworkAttribute spec = NetworkCatalog.SpecOf(type);
            Type expected = spec.Precision == Precision.Double ? typeof(INetwork<double>) : typeof(INetwork<float>);
            Assert.True(expected.IsAssignableFrom(type), $"{type.Name} does not implement {expected.Name}");
        }
    }
}
