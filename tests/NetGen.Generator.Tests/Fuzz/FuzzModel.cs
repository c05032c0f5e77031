using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>What the network type is declared as.</summary>
internal enum NetworkKind
{
    Class,
    SealedClass,
    AbstractClass,
    Struct,
    ReadonlyStruct,
    Record,
    RecordClass,
    RecordStruct,
    ReadonlyRecordStruct,
    StaticClass,
    Interface,
    RefStruct,
    FileClass,
}

/// <summary>What a containing type is declared as.</summary>
internal enum ContainerKind
{
    Class,
    Struct,
    Record,
    RecordStruct,
    StaticClass,
    Interface,
    RefStruct,
    FileClass,
}

internal enum NamespaceForm
{
    Block,
    Global,
    FileScoped,
}

/// <summary>How the attribute is spelled.</summary>
internal enum AttributeName
{
    /// <summary><c>[Network(...)]</c> with <c>using NetGen;</c>.</summary>
    Short,

    /// <summary><c>[NetworkAttribute(...)]</c> with <c>using NetGen;</c>.</summary>
    Long,

    /// <summary><c>[NetGen.Network(...)]</c>.</summary>
    Qualified,

    /// <summary><c>[global::NetGen.NetworkAttribute(...)]</c>.</summary>
    GlobalQualified,

    /// <summary><c>using NGU0 = NetGen.NetworkAttribute;</c> then <c>[NGU0(...)]</c>.</summary>
    Alias,

    /// <summary><c>using NNU0 = NetGen;</c> then <c>[NNU0.Network(...)]</c>.</summary>
    NamespaceAlias,

    /// <summary><c>global using NGGU0 = global::NetGen.NetworkAttribute;</c> in another file, then <c>[NGGU0(...)]</c>.</summary>
    GlobalAlias,

    /// <summary><c>[type: Network(...)]</c> with <c>using NetGen;</c>.</summary>
    TypeTarget,

    /// <summary>A different <c>NetworkAttribute</c> (namespace <c>OtherU0</c>), fully qualified: must be ignored.</summary>
    ForeignQualified,

    /// <summary>A different <c>NetworkAttribute</c> imported with <c>using OtherU0;</c> (ambiguous when <c>using NetGen;</c> is there too).</summary>
    ForeignImported,
}

/// <summary>How the layer sizes are passed.</summary>
internal enum SizesForm
{
    /// <summary><c>(2, 3, 1)</c>, the <c>params</c> form.</summary>
    Params,

    /// <summary><c>(new int[] { 2, 3, 1 })</c>.</summary>
    NewArray,

    /// <summary><c>(new[] { 2, 3, 1 })</c> (with no sizes: <c>new int[0]</c>).</summary>
    ImplicitArray,

    /// <summary><c>(null)</c>.</summary>
    Null,

    /// <summary><c>[Network]</c> when there are no arguments at all.</summary>
    NoParentheses,
}

internal enum PartsForm
{
    One,
    TwoAttributeOnFirst,
    TwoAttributeOnSecond,
    TwoAttributeOnBoth,
}

/// <summary>A second attribute on the same declaration.</summary>
internal enum DuplicateAttribute
{
    None,
    SameList,
    SeparateList,
    ForeignToo,
}

/// <summary>The base class (class and record networks only; ignored for other kinds).</summary>
internal enum BaseKind
{
    None,
    Plain,
    NoParameterlessConstructor,
    PrivateParameterlessConstructor,
    OptionalParameterConstructor,
    ParamsConstructor,
    Network,
    CollidingMember,
    PrivateCollidingMember,
    NameofMethod,
    SystemException,
}

/// <summary>How a size that uses the constant <c>N</c> is written.</summary>
internal enum ConstForm
{
    None,
    N,
    TwiceN,
    NPlusOne,
    MinusN,
}

/// <summary>One layer-size argument: a literal, or an expression of the constant <c>N</c>.</summary>
internal sealed record SizeExpr(int Literal, ConstForm Form)
{
    public override string ToString() => Form == ConstForm.None ? Literal.ToString(CultureInfo.InvariantCulture) : Form.ToString();
}

/// <summary>A named attribute argument; the value may use <c>{A}</c>, <c>{L}</c>, <c>{P}</c> for the enum type names.</summary>
internal sealed record NamedArg(string Name, string Value)
{
    public override string ToString() => Name + " = " + Value;
}

internal sealed record AttributeSpec(AttributeName Name, SizesForm Form, SizeExpr[] Sizes, NamedArg[] Named)
{
    public override string ToString() =>
        Name + " " + Form + " (" + string.Join(", ", Sizes.Select(s => s.ToString())) + (Named.Length > 0 ? "; " + string.Join(", ", Named.Select(n => n.ToString())) : string.Empty) + ")";
}

/// <summary>A containing type. <paramref name="IsNetwork"/>: it has <c>[NetGen.Network(3, 1)]</c> itself.</summary>
internal sealed record Container(ContainerKind Kind, bool Partial, bool Generic, bool IsNetwork, string Name)
{
    public override string ToString() =>
        (Partial ? "partial " : string.Empty) + Kind + (Generic ? "<>" : string.Empty) + (IsNetwork ? "[Network]" : string.Empty) + " " + Name;
}

/// <summary>
/// One fuzzed declaration: a file with one <c>[Network]</c> type (plus, for some shapes, a second partial part, a
/// sibling network whose name differs only in case, networks among its containing types, a base network) and a
/// helper file with its base class, foreign attribute, constant holder and global alias. Names that contain
/// <c>{T}</c> get the declaration's tag (U0, U1, ...) so that several declarations can share one compilation.
/// </summary>
internal sealed record Declaration(
    NamespaceForm NamespaceForm,
    string Namespace,
    bool UsingNetGen,
    Container[] Containers,
    NetworkKind Kind,
    string Access,
    bool Partial,
    bool Generic,
    bool PrimaryConstructor,
    string Name,
    AttributeSpec Attribute,
    DuplicateAttribute Duplicate,
    PartsForm Parts,
    bool SecondPartPartial,
    string[] Members,
    BaseKind Base,
    int? ConstN,
    bool CaseTwin)
{
    public override string ToString() => Render(this, "U0").Display;

    /// <summary>The sources of <paramref name="d"/> with tag <paramref name="tag"/>.</summary>
    public static RenderedDeclaration Render(Declaration d, string tag) => new Renderer(d, tag).Render();
}

/// <summary>A batch: declarations compiled together (when their top-level names allow) at one language version.</summary>
internal sealed record Batch(LanguageVersion LanguageVersion, Declaration[] Declarations)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("LanguageVersion.").Append(LanguageVersion).Append(", ").Append(Declarations.Length.ToString(CultureInfo.InvariantCulture)).Append(" declaration(s)\n");
        for (int i = 0; i < Declarations.Length; i++)
        {
            text.Append(Declaration.Render(Declarations[i], "U" + i.ToString(CultureInfo.InvariantCulture)).Display);
        }

        return text.ToString();
    }
}

/// <summary>
/// The files of one declaration and the names it declares at the top level (lower-cased: generated hint names are
/// compared case-insensitively), used to keep declarations whose names would clash out of one compilation.
/// </summary>
/// <param name="Isolate">
/// Whether the declaration declares, anywhere, a type named like a namespace or type every file binds to (System,
/// NetGen, Activation, ...). Nested, that is harmless, but where the user's code does not parse at the language
/// version (a record at C# 7.3) such a type can end up in the global namespace and break every other file:
/// such declarations are compiled on their own when their file has syntax errors.
/// </param>
internal sealed record RenderedDeclaration(string Main, string? Helper, IReadOnlyList<string> TopLevelTypeKeys, IReadOnlyList<string> NamespaceRoots, IReadOnlyList<string> GlobalTypeNames, bool Isolate)
{
    public IEnumerable<string> Files => Helper is null ? new[] { Main } : new[] { Main, Helper };

    public string Display => "// ---- main file\n" + Main + (Helper is null ? string.Empty : "// ---- helper file\n" + Helper);
}

internal sealed class Renderer
{
    private readonly Declaration _d;
    private readonly string _tag;
    private readonly StringBuilder _main = new();
    private readonly StringBuilder _helper = new();
    private readonly StringBuilder _helperUsings = new();
    private int _indent;

    public Renderer(Declaration d, string tag)
    {
        _d = d;
        _tag = tag;
    }

    private string Tagged(string text) => text.Replace("{T}", _tag, System.StringComparison.Ordinal);

    private bool IsClassLike => _d.Kind is NetworkKind.Class or NetworkKind.SealedClass or NetworkKind.AbstractClass or NetworkKind.StaticClass or NetworkKind.FileClass;

    private bool IsRecordClass => _d.Kind is NetworkKind.Record or NetworkKind.RecordClass;

    private bool HasBase => _d.Base != BaseKind.None && (IsClassLike || (IsRecordClass && _d.Base != BaseKind.SystemException));

    private bool UsesForeign =>
        _d.Attribute.Name is AttributeName.ForeignQualified or AttributeName.ForeignImported || _d.Duplicate == DuplicateAttribute.ForeignToo;

    /// <summary>Where the constant N lives: the innermost containing type that can hold a constant, else a holder class.</summary>
    private int ConstContainer()
    {
        for (int i = _d.Containers.Length - 1; i >= 0; i--)
        {
            if (_d.Containers[i].Kind is not ContainerKind.Interface)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The network's name; a top-level type in the global namespace is never named like a namespace every file needs.</summary>
    private string NetworkName()
    {
        string name = Tagged(_d.Name);
        if (_d.NamespaceForm == NamespaceForm.Global && _d.Containers.Length == 0 && ShadowsGlobalNames(name))
        {
            return Tagged("Net{T}");
        }

        return name;
    }

    private string ContainerName(int level)
    {
        string name = Tagged(_d.Containers[level].Name).Replace("{L}", level == 0 ? string.Empty : level.ToString(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        if (level == 0 && _d.NamespaceForm == NamespaceForm.Global && ShadowsGlobalNames(name))
        {
            return Tagged("Outer{T}");
        }

        return name;
    }

    /// <summary>
    /// A type in the global namespace named like these would change how every other file of the compilation binds
    /// (global::System, using NetGen, Activation.Tanh): that is a different program, not a different declaration.
    /// </summary>
    private static bool ShadowsGlobalNames(string name) =>
        name.TrimStart('@') is "System" or "NetGen" or "Activation" or "LossFunction" or "Precision" or "Network" or "NetworkAttribute";

    public RenderedDeclaration Render()
    {
        string name = NetworkName();
        string ns = Tagged(_d.Namespace);
        bool global = _d.NamespaceForm == NamespaceForm.Global;

        Line("// " + _tag + ": " + _d.Kind + " " + _d.Attribute.ToString().Replace("{A}", "Activation", System.StringComparison.Ordinal).Replace("{L}", "LossFunction", System.StringComparison.Ordinal).Replace("{P}", "Precision", System.StringComparison.Ordinal));
        if (_d.UsingNetGen)
        {
            Line("using NetGen;");
        }

        if (_d.Attribute.Name == AttributeName.Alias)
        {
            Line(Tagged("using NG{T} = NetGen.NetworkAttribute;"));
        }

        if (_d.Attribute.Name == AttributeName.NamespaceAlias)
        {
            Line(Tagged("using NN{T} = NetGen;"));
        }

        if (_d.Attribute.Name == AttributeName.ForeignImported)
        {
            Line(Tagged("using Other{T};"));
        }

        if (_d.NamespaceForm == NamespaceForm.FileScoped)
        {
            Line("namespace " + ns + ";");
        }
        else if (!global)
        {
            Line("namespace " + ns);
            Open();
        }

        int constAt = _d.ConstN is null ? -1 : ConstContainer();
        for (int i = 0; i < _d.Containers.Length; i++)
        {
            Container c = _d.Containers[i];
            if (c.IsNetwork)
            {
                Line("[global::NetGen.Network(3, 1)]");
            }

            string access = c.Kind == ContainerKind.FileClass ? string.Empty : "public";
            Line(Header(access, ContainerModifiers(c.Kind), c.Partial, ContainerKeyword(c.Kind), ContainerName(i) + (c.Generic ? "<TOuter" + i.ToString(CultureInfo.InvariantCulture) + ">" : string.Empty), string.Empty));
            Open();
            if (i == constAt)
            {
                Line("public const int N = " + _d.ConstN!.Value.ToString(CultureInfo.InvariantCulture) + ";");
            }
        }

        if (_d.ConstN is not null && constAt < 0)
        {
            _helper.Append(Tagged("internal static class K{T}\n{\n    public const int N = ")).Append(_d.ConstN.Value.ToString(CultureInfo.InvariantCulture)).Append(";\n}\n");
        }

        string nRef = constAt >= 0 ? "N" : Tagged("global::K{T}.N");
        string typeParameters = _d.Generic ? "<TNet>" : string.Empty;
        string primary = _d.PrimaryConstructor ? (IsRecordClass || _d.Kind is NetworkKind.RecordStruct or NetworkKind.ReadonlyRecordStruct ? "(int X)" : "(int x)") : string.Empty;
        string baseList = HasBase ? " : " + BaseReference() : string.Empty;
        string attribute = AttributeText(_d.Attribute, nRef);
        string secondAttribute = AttributeText(_d.Attribute with { Form = SizesForm.Params, Sizes = new[] { new SizeExpr(3, ConstForm.None), new SizeExpr(1, ConstForm.None) }, Named = System.Array.Empty<NamedArg>() }, nRef);
        string foreign = Tagged("global::Other{T}.Network(3, 1)");

        // The first part.
        bool attributeOnFirst = _d.Parts != PartsForm.TwoAttributeOnSecond;
        if (attributeOnFirst)
        {
            WriteAttributes(attribute, secondAttribute, foreign);
        }

        Line(Header(_d.Kind == NetworkKind.FileClass ? string.Empty : _d.Access, KindModifiers(_d.Kind), _d.Partial, KindKeyword(_d.Kind), name + typeParameters + primary, baseList));
        Open();
        foreach (string member in _d.Members)
        {
            Line(member.Replace("{Name}", name, System.StringComparison.Ordinal));
        }

        Close();

        // The second part.
        if (_d.Parts != PartsForm.One)
        {
            if (_d.Parts == PartsForm.TwoAttributeOnSecond)
            {
                WriteAttributes(attribute, secondAttribute, foreign);
            }
            else if (_d.Parts == PartsForm.TwoAttributeOnBoth)
            {
                Line(OpenList() + secondAttribute + "]");
            }

            Line(Header(string.Empty, KindModifiers(_d.Kind), _d.SecondPartPartial, KindKeyword(_d.Kind), name + typeParameters, string.Empty));
            Open();
            Close();
        }

        // A sibling network whose name differs only in case (generated hint names are case-insensitive).
        if (_d.CaseTwin)
        {
            Line("[global::NetGen.Network(2, 1)]");
            Line("public partial class " + Twin(name));
            Open();
            Close();
        }

        for (int i = _d.Containers.Length - 1; i >= 0; i--)
        {
            Close();
        }

        if (!global && _d.NamespaceForm != NamespaceForm.FileScoped)
        {
            Close();
        }

        WriteHelpers();

        string? helper = _helper.Length == 0 && _helperUsings.Length == 0 ? null : "// " + _tag + " helper\n" + _helperUsings + _helper;
        string main = _main.ToString();
        bool isolate = System.Text.RegularExpressions.Regex.IsMatch(main, @"\b(class|struct|record|interface)\s+@?(System|NetGen|Activation|LossFunction|Precision|Network|NetworkAttribute)\b");
        return new RenderedDeclaration(main, helper, TopLevelTypeKeys(ns, name), NamespaceRoots(ns), GlobalTypeNames(name), isolate);
    }

    private List<string> TopLevelTypeKeys(string ns, string name)
    {
        string top = _d.Containers.Length > 0 ? ContainerName(0) : name;
        string prefix = _d.NamespaceForm == NamespaceForm.Global ? string.Empty : Plain(ns) + ".";
        var keys = new List<string> { (prefix + Plain(top)).ToLowerInvariant() };
        return keys;
    }

    private List<string> NamespaceRoots(string ns) =>
        _d.NamespaceForm == NamespaceForm.Global ? new List<string>() : new List<string> { Plain(ns).Split('.')[0].ToLowerInvariant() };

    private List<string> GlobalTypeNames(string name)
    {
        if (_d.NamespaceForm != NamespaceForm.Global)
        {
            return new List<string>();
        }

        string top = _d.Containers.Length > 0 ? ContainerName(0) : name;
        return new List<string> { Plain(top).ToLowerInvariant() };
    }

    private static string Plain(string name) => name.Replace("@", string.Empty, System.StringComparison.Ordinal);

    private static string Twin(string name)
    {
        string plain = name.TrimStart('@');
        string upper = plain.ToUpperInvariant();
        return upper != plain ? upper : plain.ToLowerInvariant();
    }

    private void WriteAttributes(string attribute, string secondAttribute, string foreign)
    {
        switch (_d.Duplicate)
        {
            case DuplicateAttribute.None:
                Line(OpenList() + attribute + "]");
                break;
            case DuplicateAttribute.SameList:
                Line(OpenList() + attribute + ", " + secondAttribute + "]");
                break;
            case DuplicateAttribute.SeparateList:
                Line(OpenList() + attribute + "]");
                Line(OpenList() + secondAttribute + "]");
                break;
            case DuplicateAttribute.ForeignToo:
                Line(OpenList() + attribute + "]");
                Line("[" + foreign + "]");
                break;
        }
    }

    /// <summary>An attribute list's opening, with the <c>type:</c> target for <see cref="AttributeName.TypeTarget"/>.</summary>
    private string OpenList() => _d.Attribute.Name == AttributeName.TypeTarget ? "[type: " : "[";

    private string AttributeText(AttributeSpec spec, string nRef)
    {
        string name = spec.Name switch
        {
            AttributeName.Short => "Network",
            AttributeName.Long => "NetworkAttribute",
            AttributeName.Qualified => "NetGen.Network",
            AttributeName.GlobalQualified => "global::NetGen.NetworkAttribute",
            AttributeName.Alias => Tagged("NG{T}"),
            AttributeName.NamespaceAlias => Tagged("NN{T}.Network"),
            AttributeName.GlobalAlias => Tagged("NGG{T}"),
            AttributeName.TypeTarget => "Network",
            AttributeName.ForeignQualified => Tagged("global::Other{T}.Network"),
            _ => "Network",
        };

        var arguments = new List<string>();
        string sizes = string.Join(", ", spec.Sizes.Select(s => SizeText(s, nRef)));
        switch (spec.Form)
        {
            case SizesForm.Params:
            case SizesForm.NoParentheses:
                if (spec.Sizes.Length > 0)
                {
                    arguments.Add(sizes);
                }

                break;
            case SizesForm.NewArray:
                arguments.Add("new int[] { " + sizes + " }");
                break;
            case SizesForm.ImplicitArray:
                arguments.Add(spec.Sizes.Length == 0 ? "new int[0]" : "new[] { " + sizes + " }");
                break;
            case SizesForm.Null:
                arguments.Add("null");
                break;
        }

        foreach (NamedArg named in spec.Named)
        {
            arguments.Add(named.Name + " = " + EnumText(named.Value));
        }

        return spec.Form == SizesForm.NoParentheses && arguments.Count == 0 ? name : name + "(" + string.Join(", ", arguments) + ")";
    }

    private string EnumText(string value)
    {
        string prefix = _d.UsingNetGen ? string.Empty : "global::NetGen.";
        return value
            .Replace("{A}", prefix + "Activation", System.StringComparison.Ordinal)
            .Replace("{L}", prefix + "LossFunction", System.StringComparison.Ordinal)
            .Replace("{P}", prefix + "Precision", System.StringComparison.Ordinal);
    }

    private static string SizeText(SizeExpr size, string n) => size.Form switch
    {
        ConstForm.N => n,
        ConstForm.TwiceN => "2 * " + n,
        ConstForm.NPlusOne => n + " + 1",
        ConstForm.MinusN => "-" + n,
        _ => size.Literal.ToString(CultureInfo.InvariantCulture),
    };

    private string BaseReference() => _d.Base == BaseKind.SystemException ? "global::System.Exception" : Tagged("global::Base{T}");

    private void WriteHelpers()
    {
        if (_d.Attribute.Name == AttributeName.GlobalAlias)
        {
            _helperUsings.Append(Tagged("global using NGG{T} = global::NetGen.NetworkAttribute;\n"));
        }

        if (UsesForeign)
        {
            _helper.Append(Tagged(
                """
                namespace Other{T}
                {
                    public sealed class NetworkAttribute : global::System.Attribute
                    {
                        public NetworkAttribute(params int[] sizes) { Sizes = sizes; }
                        public int[] Sizes { get; }
                        public global::NetGen.Activation Hidden { get; set; }
                        public global::NetGen.Activation Output { get; set; }
                        public global::NetGen.LossFunction Loss { get; set; }
                        public bool Bias { get; set; }
                        public global::NetGen.Precision Precision { get; set; }
                    }
                }

                """));
        }

        if (!HasBase || _d.Base == BaseKind.SystemException)
        {
            return;
        }

        string text = IsRecordClass
            ? _d.Base switch
            {
                BaseKind.NoParameterlessConstructor => "public abstract record Base{T}(int X);\n",
                BaseKind.Network => "[global::NetGen.Network(2, 1)]\npublic partial record Base{T}\n{\n}\n",
                BaseKind.CollidingMember => "public abstract record Base{T}\n{\n    public int Loss { get; set; }\n}\n",
                _ => "public abstract record Base{T}\n{\n}\n",
            }
            : _d.Base switch
            {
                BaseKind.NoParameterlessConstructor => "public abstract class Base{T}\n{\n    protected Base{T}(int x) { }\n}\n",
                BaseKind.PrivateParameterlessConstructor => "public class Base{T}\n{\n    private Base{T}() { }\n    public Base{T}(int x) { }\n}\n",
                BaseKind.OptionalParameterConstructor => "public abstract class Base{T}\n{\n    protected Base{T}(int x = 0) { }\n}\n",
                BaseKind.ParamsConstructor => "public abstract class Base{T}\n{\n    protected Base{T}(params int[] x) { }\n}\n",
                BaseKind.Network => "[global::NetGen.Network(2, 1)]\npublic partial class Base{T}\n{\n}\n",
                BaseKind.CollidingMember => "public abstract class Base{T}\n{\n    public void Forward() { }\n}\n",
                BaseKind.PrivateCollidingMember => "public abstract class Base{T}\n{\n    private void Forward() { }\n}\n",
                BaseKind.NameofMethod => "public abstract class Base{T}\n{\n    protected static string nameof(int x) => \"\";\n}\n",
                _ => "public abstract class Base{T}\n{\n}\n",
            };
        _helper.Append(Tagged(text));
    }

    private static string Header(string access, string modifiers, bool partial, string keyword, string nameAndParameters, string baseList)
    {
        var parts = new List<string>();
        if (access.Length > 0)
        {
            parts.Add(access);
        }

        if (modifiers.Length > 0)
        {
            parts.Add(modifiers);
        }

        if (partial)
        {
            parts.Add("partial");
        }

        parts.Add(keyword);
        parts.Add(nameAndParameters);
        return string.Join(" ", parts) + baseList;
    }

    private static string KindKeyword(NetworkKind kind) => kind switch
    {
        NetworkKind.Struct or NetworkKind.ReadonlyStruct or NetworkKind.RefStruct => "struct",
        NetworkKind.Record => "record",
        NetworkKind.RecordClass => "record class",
        NetworkKind.RecordStruct or NetworkKind.ReadonlyRecordStruct => "record struct",
        NetworkKind.Interface => "interface",
        _ => "class",
    };

    private static string KindModifiers(NetworkKind kind) => kind switch
    {
        NetworkKind.SealedClass => "sealed",
        NetworkKind.AbstractClass => "abstract",
        NetworkKind.StaticClass => "static",
        NetworkKind.FileClass => "file",
        NetworkKind.ReadonlyStruct or NetworkKind.ReadonlyRecordStruct => "readonly",
        NetworkKind.RefStruct => "ref",
        _ => string.Empty,
    };

    private static string ContainerKeyword(ContainerKind kind) => kind switch
    {
        ContainerKind.Struct or ContainerKind.RefStruct => "struct",
        ContainerKind.Record => "record",
        ContainerKind.RecordStruct => "record struct",
        ContainerKind.Interface => "interface",
        _ => "class",
    };

    private static string ContainerModifiers(ContainerKind kind) => kind switch
    {
        ContainerKind.StaticClass => "static",
        ContainerKind.RefStruct => "ref",
        ContainerKind.FileClass => "file",
        _ => string.Empty,
    };

    private void Open()
    {
        Line("{");
        _indent++;
    }

    private void Close()
    {
        _indent--;
        Line("}");
    }

    private void Line(string text) => _main.Append(' ', 4 * _indent).Append(text).Append('\n');
}
