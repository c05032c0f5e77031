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
internal static class DiagnosticCases
{
    public static readonly ImmutableArray<DiagnosticCase> All = ImmutableArray.Create(
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
            "this project uses C# 7.2"),
        Case(
            "NG0013_MemberDeclared",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial class Taken
            {
                public void {|NG0013:Forward|}() { }
            }
            """,
            "cannot get the generated member 'Forward'"),
        Case(
            "NG0013_TypeNamedLikeAMember",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial class {|NG0013:Loss|}
            {
            }
            """,
            "is the type's own name"),
        Case(
            "NG0013_Inherited",
            """
            using NetGen;
            public class Base
            {
                public int Parameters;
            }

            [Network(2, 3, 1)]
            public partial class {|NG0013:Derived|} : Base
            {
            }
            """,
            "is inherited from 'Base'"),
        Case(
            "NG0013_OwnParameterlessConstructor",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial class Ctor
            {
                public {|NG0013:Ctor|}() { }
            }
            """,
            "NetGen generates the parameterless constructor"),
        Case(
            "NG0014_TwoParts",
            LanguageVersion.Latest,
            new[]
            {
                """
                using NetGen;
                [{|NG0014:Network(2, 3, 1)|}]
                public partial class Twice
                {
                }
                """,
                """
                using NetGen;
                [{|NG0014:Network(2, 4, 1)|}]
                public partial class Twice
                {
                }
                """,
            },
            "has [Network] more than once"),
        Case(
            "NG0015_PositionalRecord",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial record {|NG0015:Point|}(double X, double Y);
            """,
            "has a primary constructor"),
        Case(
            "NG0015_ClassPrimaryConstructor",
            """
            using NetGen;
            [Network(2, 3, 1)]
            public partial class {|NG0015:Service|}(int seed)
            {
                public int Seed => seed;
            }
            """,
            "has a primary constructor"),
        Case(
            "NG0016_NetworkDerivedFromANetwork",
            """
            using NetGen;
            // Parent is itself rejected (not partial) so that nothing at all is generated here.
            [Network(2, 3, 1)]
            public class {|NG0001:Parent|}
            {
            }

            [Network(2, 4, 1)]
            public partial class {|NG0016:Child|} : Parent
            {
            }
            """,
            "a network cannot extend another network"),
        Case(
            "NG0017_BaseWithoutParameterlessConstructor",
            """
            using NetGen;
            public abstract class Model
            {
                protected Model(string name) { Name = name; }
                public string Name { get; }
            }

            [Network(2, 3, 1)]
            public partial class {|NG0017:Net|} : Model
            {
                public Net(string name) : base(name) { }
            }
            """,
            "add a protected parameterless constructor"),
        Case(
            "NG0020_NamedArgumentTwice",
            """
            using NetGen;
            [{|NG0020:Network(2, 3, 1, Bias = true, Bias = false)|}]
            public partial class Twice
            {
            }
            """,
            "has errors in its arguments"),
        Case(
            "NG0020_OverflowingConstant",
            """
            using NetGen;
            public static class Sizes
            {
                public const int N = int.MaxValue;
            }

            [{|NG0020:Network(Sizes.N, 2 * Sizes.N)|}]
            public partial class Overflow
            {
            }
            """,
            "has errors in its arguments"),
        Case(
            "NG0021_RecordStructBeforeCSharp10",
            LanguageVersion.CSharp9,
            new[]
            {
                """
                public partial record struct Holder
                {
                    [NetGen.Network(2, 1)]
                    public partial class {|NG0021:Net|}
                    {
                    }
                }
                """,
            },
            "needs C# 10.0 or later"),
        Case(
            "NG0022_AlwaysUnrollTooLarge",
            """
            using NetGen;
            [Network(784, 128, 10, {|NG0022:Unroll = Unroll.Always|})]
            public partial class Huge
            {
            }
            """,
            "NetGen unrolls at most 16384"),
        Case(
            "NG0023_TooDeep",
            "using NetGen;\n[{|NG0023:Network(" + string.Join(", ", System.Linq.Enumerable.Repeat(4, 50)) + ")|}]\npublic partial class Tower\n{\n}\n",
            "has 49 layers of weights (50 sizes): NetGen generates at most 48"),
        Case(
            "NG0008_UndefinedUnroll",
            """
            using NetGen;
            [Network(2, 3, 1, {|NG0008:Unroll = (Unroll)9|})]
            public partial class Odd
            {
            }
            """,
            "Unroll = 9 is not a defined Unroll value"),
        Case(
            "NG0025_ActivationCount",
            """
            using NetGen;
            [Network(8, 64, 32, 2, {|NG0025:Activations = new[] { Activation.ReLU, Activation.Identity }|})]
            public partial class Policy
            {
            }
            """,
            "Activations lists 2 activations, but the network has 3 layers after the input (sizes 8-64-32-2)"),
        Case(
            "NG0026_SoftmaxNotLast",
            """
            using NetGen;
            [Network(4, 5, 3, {|NG0026:Activations = new[] { Activation.Softmax, Activation.Sigmoid }|})]
            public partial class SoftFirst
            {
            }
            """,
            "Activations[0] is Softmax"),
        Case(
            "NG0027_ActivationsAndHidden",
            """
            using NetGen;
            [Network(4, 5, 3, Hidden = Activation.Tanh, {|NG0027:Activations = new[] { Activation.ReLU, Activation.Identity }|})]
            public partial class Both
            {
            }
            """,
            "gives both Activations and Hidden"),
        Case(
            "NG0008_UndefinedActivationInList",
            """
            using NetGen;
            [Network(4, 5, 3, {|NG0008:Activations = new[] { Activation.ReLU, (Activation)42 }|})]
            public partial class OddList
            {
            }
            """,
            "Activations[1] = 42 is not a defined Activation value"),
        Case(
            "NG0006_CrossEntropyListedIdentity",
            """
            using NetGen;
            [Network(4, 5, 3, Activations = new[] { Activation.ReLU, Activation.Identity }, {|NG0006:Loss = LossFunction.CrossEntropy|})]
            public partial class CrossListed
            {
            }
            """,
            "but Output is Identity"),
        Case(
            "NG0028_HuberSoftmax",
            """
            using NetGen;
            [Network(4, 5, 3, Output = Activation.Softmax, {|NG0028:Loss = LossFunction.Huber|})]
            public partial class HuberSoft
            {
            }
            """,
            "Huber is an elementwise loss"),
        Case(
            "NG0028_AbsoluteErrorListedSoftmax",
            """
            using NetGen;
            [Network(4, 5, 3, Activations = new[] { Activation.GELU, Activation.Softmax }, {|NG0028:Loss = LossFunction.AbsoluteError|})]
            public partial class AbsoluteSoft
            {
            }
            """,
            "AbsoluteError is an elementwise loss"),
        Case(
            "Several_NotPartialAndZeroSize",
            """
            using NetGen;
            [Network(3, {|NG0004:0|}, 2, {|NG0005:Hidden = Activation.Softmax|})]
            public class {|NG0001:Messy|}
            {
            }
            """,
            "Type 'Messy' must be declared partial",
            "Layer 1 has 0 units"));

    /// <summary>Case names for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static DiagnosticCase Get(string name) => All.Single(c => c.Name == name);

    private static DiagnosticCase Case(string name, string source, params string[] messageParts) =>
        Case(name, LanguageVersion.Latest, new[] { source }, messageParts);

    private static DiagnosticCase Case(string name, LanguageVersion languageVersion, string[] sources, params string[] messageParts) =>
        new(name, languageVersion, sources.ToImmutableArray(), messageParts.ToImmutableArray());
}
