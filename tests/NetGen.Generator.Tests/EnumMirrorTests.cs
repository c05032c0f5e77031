using System;
using System.Linq;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator cannot reference the runtime library, so it keeps its own copies of the option enums and reads
/// attribute arguments as numbers: each copy must have exactly the names and values of the public enum.
/// </summary>
public sealed class EnumMirrorTests
{
    [Theory]
    [InlineData(typeof(global::NetGen.Activation), typeof(global::NetGen.Generator.Models.Activation))]
    [InlineData(typeof(global::NetGen.LossFunction), typeof(global::NetGen.Generator.Models.LossFunction))]
    [InlineData(typeof(global::NetGen.Precision), typeof(global::NetGen.Generator.Models.Precision))]
    [InlineData(typeof(global::NetGen.Unroll), typeof(global::NetGen.Generator.Models.Unroll))]
    public void Generator_enum_mirrors_the_runtime_enum(Type runtime, Type mirror)
    {
        Assert.Equal(runtime.Name, mirror.Name);
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(mirror));
        Assert.Equal(Members(runtime), Members(mirror));
    }

    private static (string Name, long Value)[] Members(Type enumType) =>
        Enum.GetNames(enumType)
            .Select(name => (name, Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Item2)
            .ThenBy(m => m.name, StringComparer.Ordinal)
            .ToArray();
}
