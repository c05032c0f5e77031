using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Shape;

/// <summary><c>Unroll = Unroll.Always/Never</c> overrides the size policy, and the output still compiles cleanly.</summary>
public class ForcedShapeTests
{
    [Theory]
    [InlineData("[Network(3, 4, 3, Unroll = Unroll.Never)]", false)]
    [InlineData("[Network(3, 4, 3, Unroll = Unroll.Auto)]", true)]
    [InlineData("[Network(40, 30, 5, Unroll = Unroll.Always)]", true)]
    [InlineData("[Network(40, 30, 5)]", false)]
    public void Unroll_option_forces_the_code_shape(string attribute, bool unrolled)
    {
        GeneratorRun run = GeneratorHarness.Run("using NetGen;\n" + attribute + "\npublic partial class Net { }\n");
        run.AssertCleanBuild();
        string source = run.SingleSource("Net.g.cs");
        CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        MethodDeclarationSyntax backward = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Backward");
        bool straightLine = !backward.Body!.DescendantNodes().OfType<ForStatementSyntax>().Any()
            && !backward.Body.ToString().Contains(RuntimeNames.Kernels, StringComparison.Ordinal);
        Assert.Equal(unrolled, straightLine);
        // The loop shape of a float network with layers at least 8 wide is Vector256 code (kernels in its other branch);
        // the type's remarks say which shape and why.
        Assert.Contains(
            unrolled ? "/// <para>Code shape: fully unrolled"
            : attribute.Contains("40, 30, 5", StringComparison.Ordinal) ? "/// <para>Code shape: Vector256 loops"
            : "/// <para>Code shape: SIMD kernels",
            source,
            StringComparison.Ordinal);
    }
}
