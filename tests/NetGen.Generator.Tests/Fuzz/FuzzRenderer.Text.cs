using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>The text helpers of <see cref="Renderer"/>: names, attributes, helper types, headers.</summary>
internal sealed partial class Renderer
{
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
