namespace NetGen.CodeFixes;

/// <summary>
/// The IDs the fixes handle, as NetGen.Generator's DiagnosticDescriptors define them (this assembly cannot reference
/// the generator, which is built against a newer compiler; a test checks these against the descriptors).
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>The network type is not partial.</summary>
    public const string TypeNotPartial = "NG0001";

    /// <summary>A type containing the network is not partial.</summary>
    public const string ContainingTypeNotPartial = "NG0002";

    /// <summary>Hidden = Activation.Softmax.</summary>
    public const string SoftmaxHidden = "NG0005";

    /// <summary>Loss = CrossEntropy with an output that is not Sigmoid or Softmax.</summary>
    public const string CrossEntropyOutput = "NG0006";

    /// <summary>[Network] more than once on a type.</summary>
    public const string DuplicateAttribute = "NG0014";
}
