using CsCheck;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>
/// CsCheck generators of declaration fragments, combined at random into <see cref="Declaration"/>s and
/// <see cref="Batch"/>es. Every pool lists its plainest choice first (CsCheck shrinks towards earlier choices) and
/// weights it most, so that a good share of declarations is valid and the generated code gets compiled too.
/// <para>
/// Compile cost (binding a generated file takes some 40-150 ms, most of the fuzzer's time): layer sizes are mostly
/// 1..6 with at most 6 layers, so a valid network emitted as unrolled straight-line code (at most 1,024 parameters)
/// has a couple of hundred parameters at most, and 33 and 64 are rare; the huge sizes (16,383, 16,384, 100,000,
/// int.MaxValue) either make the declaration invalid (NG0010) or select the loop shape, whose code size does not grow
/// with the layer widths. About a quarter of the network types get code; the rest exercise the diagnostics.
/// </para>
/// </summary>
internal static class DeclarationGens
{
    public static readonly Gen<LanguageVersion> LanguageVersions = Gen.FrequencyConst(
        (14, LanguageVersion.Latest),
        (1, LanguageVersion.CSharp7_2),
        (2, LanguageVersion.CSharp7_3),
        (2, LanguageVersion.CSharp8),
        (1, LanguageVersion.CSharp9),
        (2, LanguageVersion.CSharp10),
        (2, LanguageVersion.CSharp11),
        (1, LanguageVersion.CSharp12),
        (1, LanguageVersion.Preview));

    /// <summary>A literal layer size: mostly small, sometimes 0, negative, huge or int.MaxValue.</summary>
    public static readonly Gen<int> LiteralSizes = Gen.Frequency(
        (40, Gen.Int[1, 4]),
        (3, Gen.Int[5, 6]),
        (1, Gen.Const(0)),
        (1, Gen.OneOfConst(-1, -7, int.MinValue)),
        (2, Gen.OneOfConst(100000, int.MaxValue, 16384, 16383)),
        (1, Gen.OneOfConst(33, 64)));

    /// <summary>How many layer sizes: mostly 2..4, up to 6, sometimes 0 or 1.</summary>
    public static readonly Gen<int> LayerCounts = Gen.Frequency(
        (16, Gen.Int[2, 4]),
        (3, Gen.Int[5, 6]),
        (1, Gen.Const(1)),
        (1, Gen.Const(0)));

    /// <summary>The value of <c>const int N</c>, or none.</summary>
    public static readonly Gen<int?> ConstNs = Gen.Frequency(
        (12, Gen.Const((int?)null)),
        (2, Gen.OneOfConst<int?>(2, 3, 1)),
        (1, Gen.OneOfConst<int?>(0, -1, -3, 100000, int.MaxValue)));

    public static readonly Gen<NamedArg> NamedArgs = Gen.Frequency(
        (8, Gen.OneOfConst("{A}.Sigmoid", "{A}.Tanh", "{A}.ReLU", "{A}.Identity").Select(v => new NamedArg("Hidden", v))),
        (3, Gen.OneOfConst("{A}.LeakyReLU", "{A}.ELU", "{A}.GELU", "{A}.SiLU", "{A}.Softplus").Select(v => new NamedArg("Hidden", v))),
        (1, Gen.Const(new NamedArg("Hidden", "{A}.Softmax"))),
        (1, Gen.OneOfConst("({A})42", "({A})(-1)", "({A})10").Select(v => new NamedArg("Hidden", v))),
        (8, Gen.OneOfConst("{A}.Sigmoid", "{A}.Softmax", "{A}.Tanh", "{A}.ReLU", "{A}.Identity").Select(v => new NamedArg("Output", v))),
        (3, Gen.OneOfConst("{A}.LeakyReLU", "{A}.ELU", "{A}.GELU", "{A}.SiLU", "{A}.Softplus").Select(v => new NamedArg("Output", v))),
        (1, Gen.OneOfConst("({A})42", "({A})(-1)", "({A})10").Select(v => new NamedArg("Output", v))),
        (6, Gen.OneOfConst("{L}.SquaredError", "{L}.CrossEntropy", "{L}.Huber", "{L}.AbsoluteError").Select(v => new NamedArg("Loss", v))),
        (1, Gen.OneOfConst("({L})(-1)", "({L})4").Select(v => new NamedArg("Loss", v))),
        (3, Gen.OneOfConst("true", "false").Select(v => new NamedArg("Deterministic", v))),
        (6, Gen.OneOfConst("{P}.Single", "{P}.Double").Select(v => new NamedArg("Precision", v))),
        (1, Gen.Const(new NamedArg("Precision", "({P})7"))),
        (5, Gen.OneOfConst("true", "false").Select(v => new NamedArg("Bias", v))));

    /// <summary>0..5 named arguments, drawn with replacement (so a name is sometimes set twice: CS0643).</summary>
    public static readonly Gen<NamedArg[]> NamedArgLists = Gen.Frequency(
            (8, Gen.Const(0)),
            (6, Gen.Const(1)),
            (4, Gen.Const(2)),
            (2, Gen.Const(3)),
            (1, Gen.Const(5)))
        .SelectMany(n => NamedArgs.Array[n]);

    public static readonly Gen<AttributeName> AttributeNames = Gen.FrequencyConst(
        (20, AttributeName.Short),
        (2, AttributeName.Long),
        (2, AttributeName.Qualified),
        (2, AttributeName.GlobalQualified),
        (2, AttributeName.Alias),
        (1, AttributeName.NamespaceAlias),
        (1, AttributeName.GlobalAlias),
        (1, AttributeName.TypeTarget),
        (2, AttributeName.ForeignQualified),
        (1, AttributeName.ForeignImported));

    public static readonly Gen<SizesForm> SizesForms = Gen.FrequencyConst(
        (20, SizesForm.Params),
        (3, SizesForm.NewArray),
        (2, SizesForm.ImplicitArray),
        (1, SizesForm.Null),
        (1, SizesForm.NoParentheses));

    public static readonly Gen<NetworkKind> NetworkKinds = Gen.FrequencyConst(
        (10, NetworkKind.Class),
        (3, NetworkKind.SealedClass),
        (2, NetworkKind.AbstractClass),
        (3, NetworkKind.Struct),
        (2, NetworkKind.ReadonlyStruct),
        (3, NetworkKind.Record),
        (1, NetworkKind.RecordClass),
        (2, NetworkKind.RecordStruct),
        (1, NetworkKind.ReadonlyRecordStruct),
        (1, NetworkKind.StaticClass),
        (1, NetworkKind.Interface),
        (1, NetworkKind.RefStruct),
        (1, NetworkKind.FileClass));

    /// <summary>Type names: tagged plain names mostly; keywords, lower-case and contextual keywords, names of generated members and of the types generated code uses.</summary>
    public static readonly Gen<string> TypeNames = Gen.Frequency(
        (30, Gen.Const("Net{T}")),
        (3, Gen.OneOfConst("Réseau{T}", "_Net{T}", "NET{T}")),
        (4, Gen.OneOfConst("net", "@event", "@class", "nameof", "var", "record", "dynamic", "value")),
        (4, Gen.OneOfConst("Activation", "LossFunction", "Precision", "NetGen", "System", "Span", "Guard", "NetMath", "INetwork", "Network")),
        (4, Gen.OneOfConst("Forward", "Loss", "Parameters", "InputCount", "_parameters", "_batch", "Backward", "TrainStep", "s_layerSizes", "_z1", "_a1")));

    public static readonly Gen<string> Namespaces = Gen.Frequency(
        (20, Gen.Const("Nets{T}")),
        (3, Gen.Const("Outer{T}.Inner")),
        (2, Gen.Const("@fixed.@checked")),
        (4, Gen.OneOfConst("NetGen.User{T}", "Réseaux{T}", "Nets{T}.@event", "Nets{T}.System", "Nets{T}.NetGen", "@namespace{T}.net", "Net{T}")));

    public static readonly Gen<NamespaceForm> NamespaceForms = Gen.FrequencyConst(
        (6, NamespaceForm.Block),
        (3, NamespaceForm.Global),
        (3, NamespaceForm.FileScoped));

    /// <summary>Container names: <c>{L}</c> becomes the nesting level (empty at the top) so nested names differ.</summary>
    public static readonly Gen<string> ContainerNames = Gen.Frequency(
        (10, Gen.Const("Outer{T}{L}")),
        (4, Gen.OneOfConst("@operator", "outer", "Holder{L}", "System", "NetGen", "Forward")));

    public static readonly Gen<Container> Containers = Gen.Select(
        Gen.FrequencyConst(
            (8, ContainerKind.Class),
            (2, ContainerKind.Struct),
            (2, ContainerKind.Record),
            (1, ContainerKind.RecordStruct),
            (2, ContainerKind.StaticClass),
            (1, ContainerKind.Interface),
            (1, ContainerKind.RefStruct),
            (1, ContainerKind.FileClass)),
        Gen.FrequencyConst((9, true), (1, false)),
        Gen.FrequencyConst((12, false), (1, true)),
        Gen.FrequencyConst((12, false), (1, true)),
        ContainerNames,
        (kind, partial, generic, network, name) => new Container(kind, partial, generic, network, name));

    public static readonly Gen<Container[]> ContainerLists = Gen.FrequencyConst((10, 0), (4, 1), (2, 2), (1, 3)).SelectMany(n => Containers.Array[n]);

    /// <summary>User members: harmless ones first, then members named like generated ones, constructors, a method named nameof.</summary>
    public static readonly Gen<string> Members = Gen.Frequency(
        (6, Gen.OneOfConst(
            "public int Other;",
            "public void forward() { }",
            "private int p;",
            "public int input;",
            "public string Label = \"\";",
            "public string Name;",
            "public override string ToString() => \"\";",
            "public {Name}(int x) { }",
            "public {Name}(int x = 0) { }",
            "static {Name}() { }",
            "public class NetGen { }",
            "public class System { }",
            "public class Activation { }")),
        (6, Gen.OneOfConst(
            "public void Forward() { }",
            "public int Loss;",
            "public float Backward(int x) => x;",
            "public int Parameters { get; set; }",
            "private float[] _parameters = new float[0];",
            "private object _batch = new object();",
            "public const int InputCount = 3;",
            "public {Name}() { }",
            "public int {Name};",
            "public void TrainStep() { }",
            "public static void InitializeParameters(int seed) { }",
            "public class Gradients { }",
            "public event global::System.Action ZeroGradients = delegate { };",
            "private int s_layerSizes;",
            "private int _z2;",
            "private int _a1;",
            "private int _d1;",
            "public int ApplyGradients => 1;",
            "private int ForwardBatch;",
            "public int BackwardBatch() => 0;")),
        (1, Gen.OneOfConst(
            "private void nameof(int x) { }",
            "private static string nameof(object x) => \"\";")),
        (1, Gen.OneOfConst(
            "int global::NetGen.INetwork<float>.InputCount => 1;",
            "bool global::NetGen.INetwork<double>.HasBias => true;")));

    public static readonly Gen<string[]> MemberLists = Gen.FrequencyConst((10, 0), (4, 1), (2, 2), (1, 3)).SelectMany(n => Members.Array[n]);

    public static readonly Gen<BaseKind> BaseKinds = Gen.FrequencyConst(
        (14, BaseKind.None),
        (2, BaseKind.Plain),
        (1, BaseKind.NoParameterlessConstructor),
        (1, BaseKind.PrivateParameterlessConstructor),
        (1, BaseKind.OptionalParameterConstructor),
        (1, BaseKind.ParamsConstructor),
        (1, BaseKind.Network),
        (1, BaseKind.CollidingMember),
        (1, BaseKind.PrivateCollidingMember),
        (1, BaseKind.NameofMethod),
        (1, BaseKind.SystemException));

    private static readonly Gen<string> Accesses = Gen.FrequencyConst(
        (6, "public"),
        (2, string.Empty),
        (3, "internal"),
        (1, "private"),
        (1, "protected internal"));

    private static readonly Gen<ConstForm> ConstForms = Gen.OneOfConst(ConstForm.N, ConstForm.TwiceN, ConstForm.NPlusOne, ConstForm.MinusN);

    /// <summary>The attribute, with sizes that may use N when the declaration has a constant N.</summary>
    public static Gen<AttributeSpec> Attributes(bool hasN)
    {
        Gen<SizeExpr> literal = LiteralSizes.Select(v => new SizeExpr(v, ConstForm.None));
        Gen<SizeExpr> size = hasN
            ? Gen.Frequency((6, literal), (4, ConstForms.Select(f => new SizeExpr(0, f))))
            : literal;
        return Gen.Select(
            AttributeNames,
            SizesForms,
            LayerCounts.SelectMany(n => size.Array[n]),
            NamedArgLists,
            (name, form, sizes, named) => new AttributeSpec(name, form, sizes, named));
    }

    private sealed record Placement(NamespaceForm Form, string Namespace, bool UsingNetGen, Container[] Containers);

    private sealed record Shape(NetworkKind Kind, string Access, bool Partial, bool Generic, bool PrimaryConstructor, string Name);

    private sealed record Extras(DuplicateAttribute Duplicate, PartsForm Parts, bool SecondPartPartial, string[] Members, BaseKind Base, bool CaseTwin);

    private static readonly Gen<Placement> Placements = Gen.Select(
        NamespaceForms,
        Namespaces,
        Gen.FrequencyConst((9, true), (1, false)),
        ContainerLists,
        (form, ns, usingNetGen, containers) => new Placement(form, ns, usingNetGen, containers));

    private static readonly Gen<Shape> Shapes = Gen.Select(
        NetworkKinds,
        Accesses,
        Gen.FrequencyConst((12, true), (1, false)),
        Gen.FrequencyConst((14, false), (1, true)),
        Gen.FrequencyConst((14, false), (1, true)),
        TypeNames,
        (kind, access, partial, generic, primary, name) => new Shape(kind, access, partial, generic, primary, name));

    private static readonly Gen<Extras> ExtrasGen = Gen.Select(
        Gen.FrequencyConst((30, DuplicateAttribute.None), (1, DuplicateAttribute.SameList), (1, DuplicateAttribute.SeparateList), (1, DuplicateAttribute.ForeignToo)),
        Gen.FrequencyConst((16, PartsForm.One), (2, PartsForm.TwoAttributeOnFirst), (1, PartsForm.TwoAttributeOnSecond), (1, PartsForm.TwoAttributeOnBoth)),
        Gen.FrequencyConst((8, true), (1, false)),
        MemberLists,
        BaseKinds,
        Gen.FrequencyConst((20, false), (1, true)),
        (duplicate, parts, secondPartial, members, baseKind, twin) => new Extras(duplicate, parts, secondPartial, members, baseKind, twin));

    private static readonly Gen<(int? N, AttributeSpec Attribute)> ConstAndAttributes =
        ConstNs.SelectMany(n => Attributes(n is not null).Select(a => (n, a)));

    public static readonly Gen<Declaration> Declarations = Gen.Select(
        Placements,
        Shapes,
        ExtrasGen,
        ConstAndAttributes,
        (p, s, e, na) => new Declaration(
            p.Form,
            p.Namespace,

            // [Network] and [NetworkAttribute] need 'using NetGen;' to mean anything at all.
            p.UsingNetGen || na.Attribute.Name is AttributeName.Short or AttributeName.Long or AttributeName.TypeTarget,
            p.Containers,
            s.Kind,
            s.Access,
            s.Partial,
            s.Generic,
            s.PrimaryConstructor,
            s.Name,
            na.Attribute,
            e.Duplicate,
            e.Parts,
            e.SecondPartPartial,
            e.Members,
            e.Base,
            na.N,
            e.CaseTwin));

    public static readonly Gen<Batch> Batches = Gen.Select(
        LanguageVersions,
        Declarations.Array[1, 12],
        (lv, declarations) => new Batch(lv, declarations));
}
