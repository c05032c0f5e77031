using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator;

/// <summary>
/// Every diagnostic NetGen reports, in one place. IDs are stable: never reuse or renumber one
/// (releases are tracked in AnalyzerReleases.Shipped.md / Unshipped.md; docs/diagnostics.md documents each, and each
/// descriptor's help link points at its section there, see <see cref="HelpLinks"/>).
/// </summary>
/// <remarks>
/// Who reports what. <see cref="NetworkAnalyzer"/> and the generator run the same rule set
/// (<see cref="NetworkGenerator.Check"/>) on every [Network] declaration. The analyzer reports every diagnostic that
/// needs only the source and the list of AdditionalFiles, live in the IDE as the user types; the generator reports
/// only <see cref="ReportedByGenerator"/> (NG0019, which needs the weights file's bytes, read once by the generator
/// for baking) and otherwise skips an invalid declaration silently. In a build both run and each diagnostic appears
/// exactly once (the analyzer/generator division of CommunityToolkit.Mvvm). The cost: a build with analyzers off
/// (RunAnalyzers=false) reports no NG diagnostics but NG0019; an invalid network then just gets no code.
/// </remarks>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";

    /// <summary>Format: <c>Type '{0}' must be declared partial so NetGen can add the network members: add the 'partial' modifier</c>.</summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "NG0001",
        "Network type must be partial",
        "Type '{0}' must be declared partial so NetGen can add the network members: add the 'partial' modifier");

    /// <summary>Format: <c>Type '{0}' contains the network '{1}' and must be declared partial too: add the 'partial' modifier to '{0}'</c>.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "NG0002",
        "Type containing a network must be partial",
        "Type '{0}' contains the network '{1}' and must be declared partial too: add the 'partial' modifier to '{0}'");

    /// <summary>Format: <c>[Network] needs at least 2 layer sizes (input and output) but has {0}: list the units per layer, e.g. [Network(3, 4, 3)]</c>.</summary>
    public static readonly DiagnosticDescriptor TooFewLayers = Error(
        "NG0003",
        "A network needs at least two layers",
        "[Network] needs at least 2 layer sizes (input and output) but has {0}: list the units per layer, e.g. [Network(3, 4, 3)]");

    /// <summary>Format: <c>Layer {0} has {1} units: every layer size must be at least 1</c>.</summary>
    public static readonly DiagnosticDescriptor LayerSizeNotPositive = Error(
        "NG0004",
        "Layer size must be at least 1",
        "Layer {0} has {1} units: every layer size must be at least 1");

    /// <summary>Format: <c>Softmax normalises a whole layer and is supported on the output layer only: set Output = Activation.Softmax and choose Sigmoid, Tanh, ReLU or Identity for Hidden</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxHidden = Error(
        "NG0005",
        "Softmax is an output activation",
        "Softmax normalises a whole layer and is supported on the output layer only: set Output = Activation.Softmax and choose Sigmoid, Tanh, ReLU or Identity for Hidden");

    /// <summary>Format: <c>CrossEntropy needs outputs in (0, 1) but Output is {0}: use Output = Activation.Sigmoid or Activation.Softmax, or Loss = LossFunction.SquaredError</c>.</summary>
    public static readonly DiagnosticDescriptor CrossEntropyOutput = Error(
        "NG0006",
        "Cross-entropy needs sigmoid or softmax outputs",
        "CrossEntropy needs outputs in (0, 1) but Output is {0}: use Output = Activation.Sigmoid or Activation.Softmax, or Loss = LossFunction.SquaredError");

    /// <summary>Format: <c>NetGen cannot generate into the generic type '{0}': declare the network on a non-generic type that is not nested in a generic type</c>.</summary>
    public static readonly DiagnosticDescriptor GenericType = Error(
        "NG0007",
        "Network type cannot be generic",
        "NetGen cannot generate into the generic type '{0}': declare the network on a non-generic type that is not nested in a generic type");

    /// <summary>Format: <c>{0} = {1} is not a defined {2} value: use one of {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "NG0008",
        "Undefined option value",
        "{0} = {1} is not a defined {2} value: use one of {3}");

    /// <summary>Format: <c>Type '{0}' is {1}; a network is an object with parameters: declare it as a non-static partial class or struct</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Error(
        "NG0009",
        "Network type must be a class or struct that can hold parameters",
        "Type '{0}' is {1}; a network is an object with parameters: declare it as a non-static partial class or struct");

    /// <summary>Format: <c>The network has {0} parameters, more than NetGen generates ({1}): use fewer or smaller layers</c>.</summary>
    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "NG0010",
        "Network too large",
        "The network has {0} parameters, more than NetGen generates ({1}): use fewer or smaller layers");

    /// <summary>Format: <c>A network struct needs C# 11 or later (its generated constructor relies on auto-default structs), but this project uses C# {0}: set &lt;LangVersion&gt;11&lt;/LangVersion&gt; or later, or declare a class</c>.</summary>
    public static readonly DiagnosticDescriptor StructNeedsCSharp11 = Error(
        "NG0011",
        "Network struct needs C# 11",
        "A network struct needs C# 11 or later (its generated constructor relies on auto-default structs), but this project uses C# {0}: set <LangVersion>11</LangVersion> or later, or declare a class");

    /// <summary>Format: <c>NetGen's generated code needs C# 7.3 or later, but this project uses C# {0}: set &lt;LangVersion&gt;7.3&lt;/LangVersion&gt; or later</c>.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "NG0012",
        "C# language version too low",
        "NetGen's generated code needs C# 7.3 or later, but this project uses C# {0}: set <LangVersion>7.3</LangVersion> or later");

    /// <summary>Format: <c>Type '{0}' cannot get the generated member '{1}': it {2}. Rename or remove it</c>.</summary>
    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "NG0013",
        "Member name taken",
        "Type '{0}' cannot get the generated member '{1}': it {2}. Rename or remove it");

    /// <summary>Format: <c>Type '{0}' has [Network] more than once: keep a single [Network(...)] on one of its declarations</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateAttribute = Error(
        "NG0014",
        "[Network] applied more than once",
        "Type '{0}' has [Network] more than once: keep a single [Network(...)] on one of its declarations");

    /// <summary>Format: <c>Type '{0}' has a primary constructor, but NetGen generates a parameterless constructor that cannot chain to it: remove the parameter list and declare fields or properties instead</c>.</summary>
    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "NG0015",
        "Network type cannot have a primary constructor",
        "Type '{0}' has a primary constructor, but NetGen generates a parameterless constructor that cannot chain to it: remove the parameter list and declare fields or properties instead");

    /// <summary>Format: <c>Type '{0}' derives from the network '{1}': a network cannot extend another network; hold the other network in a field instead</c>.</summary>
    public static readonly DiagnosticDescriptor DerivedFromNetwork = Error(
        "NG0016",
        "A network cannot derive from a network",
        "Type '{0}' derives from the network '{1}': a network cannot extend another network; hold the other network in a field instead");

    /// <summary>Format: <c>Type '{0}' derives from '{1}', which has no accessible parameterless constructor for the generated constructor to call: add a protected parameterless constructor to '{1}'</c>.</summary>
    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "NG0017",
        "Base class needs a parameterless constructor",
        "Type '{0}' derives from '{1}', which has no accessible parameterless constructor for the generated constructor to call: add a protected parameterless constructor to '{1}'");

    /// <summary>Format: <c>Weights file '{0}' is not among the project's AdditionalFiles: add &lt;AdditionalFiles Include="{0}" /&gt; to the project</c>.</summary>
    public static readonly DiagnosticDescriptor WeightsFileMissing = Error(
        "NG0018",
        "Weights file not found",
        "Weights file '{0}' is not among the project's AdditionalFiles: add <AdditionalFiles Include=\"{0}\" /> to the project");

    /// <summary>Format: <c>Weights file '{0}' cannot be baked into this network: {1}</c>.</summary>
    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "NG0019",
        "Weights file does not fit the network",
        "Weights file '{0}' cannot be baked into this network: {1}");

    /// <summary>Format: <c>The [Network] attribute on '{0}' has errors in its arguments: fix the compiler errors reported there (for example a named argument given twice, or a name that does not bind)</c>.</summary>
    public static readonly DiagnosticDescriptor AttributeHasErrors = Error(
        "NG0020",
        "[Network] has errors in its arguments",
        "The [Network] attribute on '{0}' has errors in its arguments: fix the compiler errors reported there (for example a named argument given twice, or a name that does not bind)");

    /// <summary>Format: <c>Type '{0}' is a {1}, which needs C# {2} or later, but this project uses C# {3}: set &lt;LangVersion&gt;{2}&lt;/LangVersion&gt; or later</c>.</summary>
    public static readonly DiagnosticDescriptor RecordNeedsNewerCSharp = Error(
        "NG0021",
        "Record needs a newer C# version",
        "Type '{0}' is a {1}, which needs C# {2} or later, but this project uses C# {3}: set <LangVersion>{2}</LangVersion> or later");

    /// <summary>Format: <c>Unroll = Unroll.Always on {0} parameters: NetGen unrolls at most {1}; use Unroll.Auto or Unroll.Never for a network this size</c>.</summary>
    public static readonly DiagnosticDescriptor TooLargeToUnroll = Error(
        "NG0022",
        "Network too large to unroll",
        "Unroll = Unroll.Always on {0} parameters: NetGen unrolls at most {1}; use Unroll.Auto or Unroll.Never for a network this size");

    /// <summary>Format: <c>[Network] has {0} layers of weights ({1} sizes): NetGen generates at most {2}, because every layer adds code to each generated method and deeper methods pass the JIT's optimisation limits; use fewer, wider layers</c>.</summary>
    public static readonly DiagnosticDescriptor TooManyLayers = Error(
        "NG0023",
        "Network too deep",
        "[Network] has {0} layers of weights ({1} sizes): NetGen generates at most {2}, because every layer adds code to each generated method and deeper methods pass the JIT's optimisation limits; use fewer, wider layers");

    /// <summary>Format: <c>Weights = "{0}" does not name exactly one weights file: {1}</c> (it is empty, or it matches several AdditionalFiles, named in the message).</summary>
    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "NG0024",
        "Weights does not name exactly one file",
        "Weights = \"{0}\" does not name exactly one weights file: {1}");

    /// <summary>Format: <c>Activations lists {0} activations, but the network has {1} layers after the input (sizes {2}): give exactly one per layer, the output layer's last</c>.</summary>
    public static readonly DiagnosticDescriptor ActivationCount = Error(
        "NG0025",
        "One activation per layer",
        "Activations lists {0} activations, but the network has {1} layers after the input (sizes {2}): give exactly one per layer, the output layer's last");

    /// <summary>Format: <c>Activations[{0}] is Softmax, but softmax normalises a whole layer and is supported on the output layer only: make it the last entry and give layer {1} Sigmoid, Tanh, ReLU, Identity or another elementwise activation</c>.</summary>
    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "NG0026",
        "Softmax only as the last activation",
        "Activations[{0}] is Softmax, but softmax normalises a whole layer and is supported on the output layer only: make it the last entry and give layer {1} Sigmoid, Tanh, ReLU, Identity or another elementwise activation");

    /// <summary>Format: <c>[Network] gives both Activations and {0}: use Activations alone (one per layer), or Hidden and Output alone</c>.</summary>
    public static readonly DiagnosticDescriptor ActivationsAndShorthand = Error(
        "NG0027",
        "Activations and Hidden/Output given together",
        "[Network] gives both Activations and {0}: use Activations alone (one per layer), or Hidden and Output alone");

    /// <summary>Format: <c>{0} is an elementwise loss and is not supported with a softmax output: use Loss = LossFunction.CrossEntropy with Softmax, or an elementwise output (Sigmoid, Identity, ...) with {0}</c>.</summary>
    public static readonly DiagnosticDescriptor ElementwiseLossSoftmax = Error(
        "NG0028",
        "Huber and AbsoluteError need an elementwise output",
        "{0} is an elementwise loss and is not supported with a softmax output: use Loss = LossFunction.CrossEntropy with Softmax, or an elementwise output (Sigmoid, Identity, ...) with {0}");

    /// <summary>
    /// Every descriptor, in ID order (read from this class's fields: a new descriptor is in it without being listed).
    /// </summary>
    public static ImmutableArray<DiagnosticDescriptor> All => Lists.All;

    /// <summary>The descriptors <see cref="NetworkAnalyzer"/> reports: all but <see cref="ReportedByGenerator"/>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> ReportedByAnalyzer => Lists.ReportedByAnalyzer;

    /// <summary>
    /// Whether the generator, not the analyzer, reports this ID: only NG0019 (the weights file's content does not
    /// fit), because only the generator reads the file's bytes (see the remarks on this class).
    /// </summary>
    public static bool ReportedByGenerator(string id) => id == WeightsFileInvalid.Id;

    /// <summary>Built on first use, after every descriptor field above is set.</summary>
    private static class Lists
    {
        public static readonly ImmutableArray<DiagnosticDescriptor> All = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null))
            .OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .ToImmutableArray();

        public static readonly ImmutableArray<DiagnosticDescriptor> ReportedByAnalyzer = All.Where(d => !ReportedByGenerator(d.Id)).ToImmutableArray();
    }

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));
}
