using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Fuzz;

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

internal sealed partial class Renderer
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
}
