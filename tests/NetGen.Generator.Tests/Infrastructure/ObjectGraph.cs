using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through its fields (as NetEscapades.EnumGenerators' tests do) and fails on any object a
/// pipeline model must not hold: it would keep a whole compilation alive and defeat caching.
/// </summary>
internal static class ObjectGraph
{
    private static readonly Type[] Forbidden =
    {
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(SyntaxTree), typeof(Location),
    };

    /// <summary>Throws if <paramref name="root"/> reaches a forbidden object; returns the types it visited.</summary>
    public static HashSet<Type> AssertNoCompilationObjects(object? root, string rootName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var types = new HashSet<Type>();
        Walk(root, rootName, visited, types);
        return types;
    }

    private static void Walk(object? value, string path, HashSet<object> visited, HashSet<Type> types)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        foreach (Type forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                throw new XunitException(path + " holds a " + type.FullName + " (a " + forbidden.Name + "): pipeline values must be plain equatable data.");
            }
        }

        types.Add(type);
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || value is Type || value is MemberInfo || value is Delegate || value is Pointer)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        // Collections are walked through their fields (List<T>._items, ImmutableArray<T>.array, EquatableArray<T>._items)
        // down to arrays, which are walked element by element.
        if (value is Array items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, path + "[" + i + "]", visited, types);
                i++;
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), path + "." + field.Name, visited, types);
            }
        }
    }
}
