using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>One declaration NetGen must reject: sources with <c>{|NGxxxx:...|}</c> markers (see <see cref="Infrastructure.Markup"/>).</summary>
/// <param name="Name">The theory's case name.</param>
/// <param name="LanguageVersion">The consumer's C# version.</param>
/// <param name="Sources">The marked-up sources, <c>Source0.cs</c>, <c>Source1.cs</c>, ...</param>
/// <param name="MessageParts">Texts that must each appear in the message of some reported diagnostic.</param>
public sealed record DiagnosticCase(string Name, LanguageVersion LanguageVersion, ImmutableArray<string> Sources, ImmutableArray<string> MessageParts)
{
    public override string ToString() => Name;
}

/// <summary>The catalogue of invalid declarations: at least one per descriptor in <see cref="DiagnosticDescriptors"/>.</summary>
internal static partial class DiagnosticCases
{
    /// <summary>Every case: the declaration rules up to NG0012, then the rest (<c>DiagnosticCases.Later.cs</c>).</summary>
    public static readonly ImmutableArray<DiagnosticCase> All = First().AddRange(Later());

    private static ImmutableArray<DiagnosticCase> First() => ImmutableArray.Create(
        Case(
            "NG0001_NotPartial",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public class {|NG0001:Plain|}
            {
            }
            """,
            "Type 'Plain' must be declared partial"),
        Case(
            "NG0001_OtherPartNotPartial",
            LanguageVersion.Latest,
            new[]
            {
                """
                using NetGen;
                [Network(2, 3, 1)]
                public partial class Split
                {
                }
                """,
                """
                public class {|NG0001:Split|}
                {
                }
                """,
            },
            "Type 'Split' must be declared partial"),
        Case(
            "NG0002_ContainingTypeNotPartial",
            """
            using NetGen;
            namespace Outer.Space
            {
                public class {|NG0002:Holder|}
                {
                    [Network(2, 3, 1)]
                    public partial class Net
                    {
                    }
                }
            }
            """,
            "Type 'Holder' contains the network 'Net'"),
        Case(
            "NG0002_TwoContainingTypesNotPartial",
            """
            using NetGen;
            public class {|NG0002:A|}
            {
                public partial class B
                {
                    internal class {|NG0002:C|}
                    {
                        [Network(2, 1)]
                        internal partial class Net
                        {
                        }
                    }
                }
            }
            """,
            "Type 'A' contains the network 'Net'",
            "Type 'C' contains the network 'Net'"),
        Case(
            "NG0003_OneSize",
            """
            using NetGen;
            [{|NG0003:Network(3)|}]
            public partial class One
            {
            }
            """,
            "needs at least 2 layer sizes (input and output) but has 1"),
        Case(
            "NG0003_EmptyArgumentList",
            """
            using NetGen;
            [{|NG0003:Network()|}]
            public partial class None
            {
            }
            """,
            "but has 0"),
        Case(
            "NG0003_NoArgumentList",
            """
            using NetGen;
            [{|NG0003:Network|}]
            public partial class Bare
            {
            }
            """,
            "but has 0"),
        Case(
            "NG0004_Zero",
            """
            using NetGen;
            [Network(3, {|NG0004:0|}, 2)]
            public partial class Hollow
            {
            }
            """,
            "Layer 1 has 0 units"),
        Case(
            "NG0004_Negative",
            """
            using NetGen;
            [Network(3, 4, {|NG0004:-2|})]
            public partial class Negative
            {
            }
            """,
            "Layer 2 has -2 units"),
        Case(
            "NG0004_ZeroAndNegative",
            """
            using NetGen;
            [Network({|NG0004:0|}, 4, {|NG0004:-1|}, Hidden = Activation.Tanh)]
            public partial class Both
            {
            }
            """,
            "Layer 0 has 0 units",
            "Layer 2 has -1 units"),
        Case(
            "NG0005_SoftmaxHidden",
            """
            using NetGen;
            [Network(3, 4, 2, {|NG0005:Hidden = Activation.Softmax|}, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
            public partial class SoftHidden
            {
            }
            """,
            "supported on the output layer only"),
        Case(
            "NG0006_CrossEntropyTanh",
            """
            using NetGen;
            [Network(3, 4, 2, Output = Activation.Tanh, {|NG0006:Loss = LossFunction.CrossEntropy|})]
            public partial class CrossTanh
            {
            }
            """,
            "but Output is Tanh"),
        Case(
            "NG0006_CrossEntropyReLU",
            """
            using NetGen;
            [Network(3, 4, 2, {|NG0006:Loss = LossFunction.CrossEntropy|}, Output = Activation.ReLU)]
            public partial class CrossRelu
            {
            }
            """,
            "but Output is ReLU"),
        Case(
            "NG0006_CrossEntropyIdentity",
            """
            using NetGen;
            [Network(3, 4, 2, Hidden = Activation.ReLU, Output = Activation.Identity, {|NG0006:Loss = LossFunction.CrossEntropy|})]
            public partial class CrossIdentity
            {
            }
            """,
            "but Output is Identity"),
        Case(
            "NG0007_GenericType",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial class {|NG0007:Generic|}<T>
            {
            }
            """,
            "generic type 'Generic<T>'"),
        Case(
            "NG0007_NestedInGenericType",
            """
            using NetGen;
            public partial class Container<T>
            {
                [Network(2, 3, 1)]
                public partial class {|NG0007:Inner|}
                {
                }
            }
            """,
            "generic type 'Container<T>'"),
        Case(
            "NG0008_UndefinedHidden",
            """
            using NetGen;
            [Network(2, 3, 1, {|NG0008:Hidden = (Activation)42|})]
            public partial class Undefined
            {
            }
            """,
            "Hidden = 42 is not a defined Activation value"),
        Case(
            "NG0008_UndefinedLossAndPrecision",
            """
            using NetGen;
            [Network(2, 3, 1, {|NG0008:Loss = (LossFunction)7|}, {|NG0008:Precision = (Precision)(-1)|})]
            public partial class UndefinedTwice
            {
            }
            """,
            "Loss = 7 is not a defined LossFunction value",
            "Precision = -1 is not a defined Precision value"),
        Case(
            "NG0009_StaticClass",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public static partial class {|NG0009:Holder|}
            {
            }
            """,
            "Type 'Holder' is a static class"),
        Case(
            "NG0009_RefStruct",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public ref partial struct {|NG0009:Stack|}
            {
            }
            """,
            "Type 'Stack' is a ref struct"),
        Case(
            "NG0009_FileLocal",
            """
            using NetGen;
            [Network(2, 3, 1)]
            file partial class {|NG0009:Hidden|}
            {
            }
            """,
            "file-local"),
        Case(
            "NG0009_Interface",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial interface {|NG0009:IPolicy|}
            {
            }
            """,
            "Type 'IPolicy' is an interface"),
        Case(
            "NG0010_TooLarge",
            """
            using NetGen;
            [{|NG0010:Network(100000, 100000, 100000)|}]
            public partial class Huge
            {
            }
            """,
            "The network has 20000200000 parameters"),
        Case(
            "NG0011_StructBeforeCSharp11",
            LanguageVersion.CSharp10,
            new[]
            {
                """
                using NetGen;
                [Network(2, 3, 1)]
                public partial struct {|NG0011:Pair|}
                {
                }
                """,
            },
            "this project uses C# 10.0"),
        Case(
            "NG0011_RecordStructBeforeCSharp11",
            LanguageVersion.CSharp10,
            new[]
            {
                """
                using NetGen;
                [Network(2, 3, 1)]
                public partial record struct {|NG0011:Pair|}
                {
                }
                """,
            },
            "this project uses C# 10.0"),
        Case(
            "NG0012_CSharp7_2",
            LanguageVersion.CSharp7_2,
            new[]
            {
                """
                using NetGen;
                [{|NG0012:Network(2, 3, 1)|}]
                public partial class Old
                {
                }
                """,
            },
            "this project uses C# 7.2"));


    /// <summary>Case names for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static DiagnosticCase Get(string name) => All.Single(c => c.Name == name);

    private static DiagnosticCase Case(string name, string source, params string[] messageParts) =>
        Case(name, LanguageVersion.Latest, new[] { source }, messageParts);

    private static DiagnosticCase Case(string name, LanguageVersion languageVersion, string[] sources, params string[] messageParts) =>
        new(name, languageVersion, sources.ToImmutableArray(), messageParts.ToImmutableArray());
}
