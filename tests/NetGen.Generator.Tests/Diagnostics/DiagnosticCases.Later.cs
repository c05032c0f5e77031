using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>The catalogue's cases from NG0013 on.</summary>
internal static partial class DiagnosticCases
{
    private static ImmutableArray<DiagnosticCase> Later() => ImmutableArray.Create(
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
            "NG0013_VectorShapeMethod",
            """
            using NetGen;
            [Network(24, 8, 2)]
            public partial class VectorTaken
            {
                private void {|NG0013:StepVector128|}() { }
            }
            """,
            "cannot get the generated member 'StepVector128'"),
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
}
