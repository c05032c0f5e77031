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
