using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;

namespace NetGen.Generator;

/// <summary>Parse: the activations of a declaration, in either form, to one activation per layer after the input.</summary>
public sealed partial class NetworkGenerator
{
    /// <summary>
    /// <c>Activations = new[] { ... }</c> (one per layer after the input, the output layer's last) or the shorthand
    /// <c>Hidden</c> (every hidden layer) and <c>Output</c>. Reports NG0005 and NG0026 (softmax before the output layer),
    /// NG0006 (cross-entropy without sigmoid or softmax outputs), NG0028 (Huber or absolute error with a softmax output), NG0008 (a value outside the enum), NG0025 (a wrong
    /// count) and NG0027 (both forms). Always returns <paramref name="sizeCount"/> − 1 entries (at least one).
    /// </summary>
    private static Activation[] ParseActivations(AttributeData attribute, AttributeSyntax? attributeSyntax, LocationInfo? attributeLocation, int sizeCount, LossFunction loss, List<DiagnosticInfo> diagnostics, out bool listed)
    {
        int layers = System.Math.Max(1, sizeCount - 1);
        TypedConstant? list = null;
        var shorthand = new List<string>();
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Activations" && named.Value.Kind == TypedConstantKind.Array && !named.Value.IsNull)
            {
                list = named.Value;
            }
            else if (named.Key is "Hidden" or "Output")
            {
                shorthand.Add(named.Key);
            }
        }

        listed = list is not null;
        Activation[] activations;
        if (list is { } given)
        {
            LocationInfo? where = NamedArgumentLocation(attributeSyntax, "Activations") ?? attributeLocation;
            if (shorthand.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationsAndShorthand, where, string.Join(" and ", shorthand)));
            }

            int[] values = given.Values.Select(v => v.Value is int i ? i : -1).ToArray();
            string[] names = System.Enum.GetNames(typeof(Activation));
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < 0 || values[i] >= names.Length)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UndefinedEnumValue, where, "Activations[" + i + "]", values[i], nameof(Activation), string.Join(", ", names.Select(n => nameof(Activation) + "." + n))));
                }
            }

            if (sizeCount >= 2 && values.Length != layers)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationCount, where, values.Length, layers, string.Join("-", attribute.ConstructorArguments[0].Values.Select(v => v.Value))));
            }

            for (int i = 0; i < values.Length - 1; i++)
            {
                if (values[i] == (int)Activation.Softmax)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, where, i, i + 1));
                }
            }

            activations = Enumerable.Range(0, layers).Select(l => (Activation)(l < values.Length ? values[l] : 0)).ToArray();
        }
        else
        {
            Activation hidden = ParseEnum<Activation>(attribute, attributeSyntax, "Hidden", diagnostics, attributeLocation);
            Activation output = ParseEnum<Activation>(attribute, attributeSyntax, "Output", diagnostics, attributeLocation);
            if (hidden == Activation.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxHidden, NamedArgumentLocation(attributeSyntax, "Hidden") ?? attributeLocation));
            }

            activations = Enumerable.Range(0, layers).Select(l => l == layers - 1 ? output : hidden).ToArray();
        }

        Activation last = activations[layers - 1];
        if (loss == LossFunction.CrossEntropy && last != Activation.Sigmoid && last != Activation.Softmax && System.Enum.IsDefined(typeof(Activation), last))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyOutput, NamedArgumentLocation(attributeSyntax, "Loss") ?? attributeLocation, last));
        }

        if (loss is LossFunction.Huber or LossFunction.AbsoluteError && last == Activation.Softmax)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ElementwiseLossSoftmax, NamedArgumentLocation(attributeSyntax, "Loss") ?? attributeLocation, loss));
        }

        return activations;
    }
}
