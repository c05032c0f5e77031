using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;
using Xunit;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs only the generator's parse step (<see cref="NetworkGenerator.Parse(GeneratorAttributeSyntaxContext, System.Threading.CancellationToken)"/>,
/// the transform of the Extract step) and returns its <see cref="ParseResult"/>s, without emitting anything: for
/// declarations whose code a test must never try to write, such as networks at the size limit.
/// </summary>
internal static class ParseOnly
{
    private const string StepName = "ParseOnly";

    public static ImmutableArray<ParseResult> Run(LanguageVersion languageVersion, params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(languageVersion, sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ParseOnlyGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions(languageVersion),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        GeneratorRunResult result = Assert.Single(driver.RunGenerators(compilation).GetRunResult().Results);
        Assert.True(result.Exception is null, "Parse threw: " + result.Exception);
        return result.TrackedSteps[StepName]
            .SelectMany(step => step.Outputs)
            .Select(output => (ParseResult)output.Value)
            .ToImmutableArray();
    }

    public static ParseResult Single(string source) => Assert.Single(Run(LanguageVersion.Latest, source));

    private sealed class ParseOnlyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkGenerator.AttributeMetadataName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    NetworkGenerator.Parse)
                .WithTrackingName(StepName);
            context.RegisterSourceOutput(results, static (_, _) => { });
        }
    }
}
