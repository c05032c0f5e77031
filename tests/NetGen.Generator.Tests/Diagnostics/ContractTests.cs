using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// The contract's promise for declarations at the edges: "Every declaration that cannot be compiled gets a
/// diagnostic with a stable ID on the attribute or the type name, and no code". For each declaration below (all
/// valid C# once their network members exist), NetGen must either generate code that compiles with zero errors and zero warnings, or
/// report NG errors and generate nothing — never generate code that breaks the user's build.
/// </summary>
public sealed class ContractTests
{
    private static readonly System.Collections.Generic.Dictionary<string, string> Sources = new()
    {
        {
            "EscapedKeywordTypeName",
            """
            using NetGen;
            namespace Nets
            {
                [Network(2, 3, 1)]
                internal partial class @event
                {
                }
            }
            """
        },
        {
            "EscapedKeywordNamespace",
            """
            using NetGen;
            namespace @fixed.@checked
            {
                [Network(2, 3, 1)]
                internal partial class Net
                {
                }
            }
            """
        },
        {
            "EscapedKeywordContainingType",
            """
            using NetGen;
            internal partial class @operator
            {
                [Network(2, 3, 1)]
                internal partial class Net
                {
                }
            }
            """
        },
        {
            "BaseClassWithoutParameterlessConstructor",
            """
            using NetGen;
            internal abstract class Model
            {
                protected Model(string name) { Name = name; }
                public string Name { get; }
            }

            [Network(2, 3, 1)]
            internal partial class Net : Model
            {
                public Net(string name) : base(name) { }
            }
            """
        },
        {
            "BaseClassWithParameterlessConstructor",
            """
            using NetGen;
            internal abstract class Model
            {
                public string Name { get; set; } = "";
            }

            [Network(2, 3, 1)]
            internal sealed partial class Net : Model
            {
            }
            """
        },
        {
            "AbstractNetwork",
            """
            using NetGen;
            [Network(2, 3, 1)]
            internal abstract partial class Net
            {
                public abstract string Describe();
            }
            """
        },
        {
            "NetworkDerivedFromANetwork",
            """
            using NetGen;
            [Network(2, 3, 1)]
            internal partial class Parent
            {
            }

            [Network(2, 4, 1)]
            internal partial class Child : Parent
            {
            }
            """
        },
        {
            "NetworkNestedInANetwork",
            """
            using NetGen;
            [Network(2, 3, 1)]
            internal partial class Outer
            {
                [Network(3, 1)]
                internal partial class Inner
                {
                }
            }
            """
        },
        {
            "NestedInStructRecordAndInterface",
            """
            using NetGen;
            namespace Nets
            {
                internal partial struct S
                {
                    [Network(2, 1)]
                    internal partial class InStruct
                    {
                    }
                }

                internal partial record R
                {
                    [Network(2, 1)]
                    internal partial class InRecord
                    {
                    }
                }

                internal partial interface I
                {
                    [Network(2, 1)]
                    internal partial class InInterface
                    {
                    }
                }
            }
            """
        },
        {
            "SameNameInTwoNamespaces",
            """
            using NetGen;
            namespace First
            {
                [Network(2, 1)]
                internal partial class Net
                {
                }
            }

            namespace Second
            {
                [Network(3, 1)]
                internal partial class Net
                {
                }
            }
            """
        },
        {
            "NonAsciiNames",
            """
            using NetGen;
            namespace Réseaux
            {
                [Network(2, 3, 1)]
                internal partial class Réseau
                {
                }
            }
            """
        },
        {
            "FileScopedNamespaceWithUserMembers",
            """
            using NetGen;
            namespace Nets;

            [Network(2, 3, 1)]
            internal sealed partial class Net
            {
                private readonly int p;
                private static readonly float[] g = new float[1];
                public Net(ulong seed) : this() { p = 1; InitializeParameters(seed); }
                public int Sum(int input) => p + input + g.Length + InputCount;
            }
            """
        },
        {
            "TypesShadowingSystemNames",
            """
            using NetGen;
            namespace Nets
            {
                internal sealed class Span { }
                internal sealed class Array { }
                internal sealed class Math { }
                internal sealed class System { }
                internal sealed class Guard { }

                [Network(3, 4, 2, Output = Activation.Softmax)]
                internal partial class Net
                {
                    private sealed class NetMath { }
                    private sealed class ParameterInitializer { }
                }
            }
            """
        },
        {
            "UserAlsoImplementsTheInterface",
            """
            using NetGen;
            [Network(2, 3, 1)]
            internal partial class Net : INetwork<float>
            {
            }
            """
        },
    };

    /// <summary>The case names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => new(Sources.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Declaration_either_compiles_cleanly_or_is_rejected_with_a_diagnostic(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(Sources[name]);

        if (run.Diagnostics.IsEmpty)
        {
            Assert.NotEmpty(run.Sources);
            run.AssertCleanBuild();
        }
        else
        {
            Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
            Diagnostic[] fromGeneratedCode = run.OutputErrorsAndWarnings.Where(d => d.Location.SourceTree is { } tree && !run.Input.SyntaxTrees.Contains(tree)).ToArray();
            Assert.True(fromGeneratedCode.Length == 0, "Rejected declarations must not leave broken generated code:\n" + GeneratorRun.Format(fromGeneratedCode));
        }
    }
}
