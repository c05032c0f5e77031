using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Models;

/// <summary>A diagnostic to report, as equatable values (descriptor, location, message arguments).</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        new(descriptor, location, arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Select(a => (object)a).ToArray());
}
