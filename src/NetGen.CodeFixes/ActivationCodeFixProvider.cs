using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>
/// Rewrites the named arguments of a [Network] attribute into a valid combination:
/// <list type="bullet">
/// <item>NG0005 (Softmax as the hidden activation): move Softmax to Output, with each activation a hidden layer may
/// have (Sigmoid, Tanh, ReLU, Identity) offered for Hidden;</item>
/// <item>NG0006 (CrossEntropy with an output outside (0, 1)): Output = Sigmoid, Output = Softmax, or
/// Loss = SquaredError, each of which makes the pair valid; with <c>Activations = new[] { ... }</c> the output is its
/// last entry, which the first two change instead (an Output argument beside Activations would be NG0027).</item>
/// </list>
/// Values are written as <c>global::NetGen.Activation.X</c> and simplified as far as the file's usings allow.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ActivationCodeFixProvider))]
public sealed class ActivationCodeFixProvider : CodeFixProvider
{
    /// <summary>The activations a hidden layer may have, in the enum's order (Sigmoid is the default).</summary>
    internal static readonly ImmutableArray<string> HiddenActivations = ImmutableArray.Create("Sigmoid", "Tanh", "ReLU", "Identity");

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.SoftmaxHidden, DiagnosticIds.CrossEntropyOutput);

    /// <summary>No Fix All: each declaration's choice is its own.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || model.Compilation.GetTypeByMetadataName("NetGen.Activation") is not { } activation
            || model.Compilation.GetTypeByMetadataName("NetGen.LossFunction") is not { } loss)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault() is not { } attribute)
            {
                continue;
            }

            if (diagnostic.Id == DiagnosticIds.SoftmaxHidden)
            {
                foreach (string hidden in HiddenActivations)
                {
                    Register(context, diagnostic, attribute, "Move Softmax to Output and use Hidden = Activation." + hidden, ("Hidden", activation, hidden), ("Output", activation, "Softmax"));
                }
            }
            else if (Named(attribute, "Activations") is not { } activations)
            {
                Register(context, diagnostic, attribute, "Use Output = Activation.Sigmoid", ("Output", activation, "Sigmoid"));
                Register(context, diagnostic, attribute, "Use Output = Activation.Softmax", ("Output", activation, "Softmax"));
                Register(context, diagnostic, attribute, "Use Loss = LossFunction.SquaredError", ("Loss", loss, "SquaredError"));
            }
            else
            {
                // The output is the last entry of Activations (adding Output would be NG0027): change that entry, when
                // the array is written out; the loss can always change.
                if (LastElement(activations.Expression) is { } last)
                {
                    RegisterLast(context, diagnostic, last, activation, "Sigmoid");
                    RegisterLast(context, diagnostic, last, activation, "Softmax");
                }

                Register(context, diagnostic, attribute, "Use Loss = LossFunction.SquaredError", ("Loss", loss, "SquaredError"));
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, AttributeSyntax attribute, string title, params (string Name, INamedTypeSymbol Enum, string Member)[] arguments) =>
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => SetArgumentsAsync(context.Document, attribute, arguments, ct), equivalenceKey: "NetGen." + diagnostic.Id + "." + title),
            diagnostic);

    private static void RegisterLast(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax last, INamedTypeSymbol activation, string member)
    {
        string title = "Use Activation." + member + " as the last of Activations (the output layer)";
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => ReplaceAsync(context.Document, last, activation, member, ct), equivalenceKey: "NetGen." + diagnostic.Id + "." + title),
            diagnostic);
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax old, INamedTypeSymbol type, string member, CancellationToken ct)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
        SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
        var value = (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(type), member);
        return document.WithSyntaxRoot(root.ReplaceNode(old, value.WithTriviaFrom(old).WithAdditionalAnnotations(Simplifier.Annotation)));
    }

    /// <summary>The named argument the compiler binds (the last of that name), or null.</summary>
    private static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.LastOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    /// <summary>The last element of <c>new[] { ... }</c> or <c>new Activation[] { ... }</c>; null for any other form.</summary>
    private static ExpressionSyntax? LastElement(ExpressionSyntax array) => array switch
    {
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.LastOrDefault(),
        ArrayCreationExpressionSyntax explicitArray => explicitArray.Initializer?.Expressions.LastOrDefault(),
        _ => null,
    };

    private static async Task<Document> SetArgumentsAsync(Document document, AttributeSyntax attribute, IEnumerable<(string Name, INamedTypeSymbol Enum, string Member)> arguments, CancellationToken ct)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))!;
        SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
        AttributeSyntax fixedAttribute = attribute;
        foreach ((string name, INamedTypeSymbol type, string member) in arguments)
        {
            var value = (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(type), member);
            fixedAttribute = WithNamedArgument(fixedAttribute, name, value.WithAdditionalAnnotations(Simplifier.Annotation));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute));
    }

    /// <summary>Sets <c>name = value</c>: replaces the value of the argument the compiler binds (the last of that name), or appends one.</summary>
    internal static AttributeSyntax WithNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        AttributeArgumentSyntax? existing = list.Arguments.LastOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (existing is not null)
        {
            return attribute.WithArgumentList(list.ReplaceNode(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression))));
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name)), null, value)
            .WithAdditionalAnnotations(Formatter.Annotation);
        return attribute.WithArgumentList(list.WithArguments(list.Arguments.Add(added)));
    }
}
