using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// The generated code compiles, with zero errors and zero warnings, at every C# version NetGen accepts: 7.3 and up
/// for classes, 11 and up for structs; below that the declaration gets NG0012 / NG0011 (see <see cref="DiagnosticTests"/>).
/// </summary>
public sealed class LanguageVersionTests
{
    private const string Unrolled = "[Network(3, 4, 3)]";
    private const string Softmax = "[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]";
    private const string Loops = "[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]";
    private const string ReluNoBias = "[Network(30, 20, 20, 5, Hidden = Activation.ReLU, Output = Activation.Identity, Bias = false)]";
    private const string Vector256 = "[Network(16, 16, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]";
    private const string Vector256SmallOutput = "[Network(24, 8, 2, Hidden = Activation.ReLU, Bias = false)]";

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, Unrolled)]
    [InlineData(LanguageVersion.CSharp7_3, Softmax)]
    [InlineData(LanguageVersion.CSharp7_3, Loops)]
    [InlineData(LanguageVersion.CSharp7_3, ReluNoBias)]
    [InlineData(LanguageVersion.CSharp7_3, Vector256)]
    [InlineData(LanguageVersion.CSharp7_3, Vector256SmallOutput)]
    [InlineData(LanguageVersion.Latest, Vector256SmallOutput)]
    [InlineData(LanguageVersion.CSharp8, Unrolled)]
    [InlineData(LanguageVersion.CSharp9, Loops)]
    [InlineData(LanguageVersion.CSharp10, Softmax)]
    [InlineData(LanguageVersion.CSharp11, Unrolled)]
    [InlineData(LanguageVersion.CSharp12, Loops)]
    [InlineData(LanguageVersion.Latest, ReluNoBias)]
    [InlineData(LanguageVersion.Preview, Unrolled)]
    public void Class_network_compiles_cleanly(LanguageVersion languageVersion, string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, Declaration(attribute, "class"));
        run.AssertCleanBuild();
        string text = run.SingleSource("Versions.Outer+Net.g.cs");

        // '#nullable' is C# 8: below it the directive itself is an error, from 8 on the annotations need it.
        bool nullable = languageVersion >= LanguageVersion.CSharp8;
        Assert.Equal(nullable, text.Contains("#nullable enable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11, "struct", Unrolled)] // the declaration that gets NG0011 below C# 11
    [InlineData(LanguageVersion.CSharp11, "struct", Loops)]
    [InlineData(LanguageVersion.CSharp12, "struct", Softmax)]
    [InlineData(LanguageVersion.Latest, "struct", ReluNoBias)]
    [InlineData(LanguageVersion.CSharp11, "record struct", Unrolled)]
    [InlineData(LanguageVersion.Latest, "record struct", Loops)]
    [InlineData(LanguageVersion.Latest, "readonly partial struct", Unrolled)]
    [InlineData(LanguageVersion.Latest, "readonly partial struct", Loops)]
    [InlineData(LanguageVersion.CSharp11, "struct", Vector256)]
    [InlineData(LanguageVersion.Latest, "readonly partial struct", Vector256SmallOutput)]
    public void Struct_network_compiles_cleanly_from_CSharp11(LanguageVersion languageVersion, string kind, string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, Declaration(attribute, kind));
        run.AssertCleanBuild();
        Assert.Single(run.Sources);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public void Struct_network_below_CSharp11_gets_NG0011_and_no_code(LanguageVersion languageVersion)
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, Declaration(Unrolled, "struct"));
        Assert.Equal(new[] { "NG0011" }, run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.Sources);
        Assert.Empty(run.OutputErrorsAndWarnings);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_2)]
    [InlineData(LanguageVersion.CSharp7_1)]
    [InlineData(LanguageVersion.CSharp7)]
    [InlineData(LanguageVersion.CSharp6)]
    public void Below_CSharp7_3_gets_NG0012_and_no_code(LanguageVersion languageVersion)
    {
        GeneratorRun run = GeneratorHarness.Run(languageVersion, Declaration(Unrolled, "class"));
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NG0012", diagnostic.Id);
        Assert.Contains("this project uses C# " + languageVersion.ToDisplayString(), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    /// <summary>A network nested in a partial class in a namespace; <paramref name="kind"/> may carry modifiers before the keyword.</summary>
    private static string Declaration(string attribute, string kind)
    {
        string keyword = kind.StartsWith("readonly partial ", StringComparison.Ordinal) ? kind : "partial " + kind;
        return "using NetGen;\nnamespace Versions\n{\n    internal partial class Outer\n    {\n        " + attribute
            + "\n        internal " + keyword + " Net\n        {\n        }\n    }\n}\n";
    }
}
