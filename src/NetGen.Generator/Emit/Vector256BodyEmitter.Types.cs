namespace NetGen.Generator.Emit;

/// <summary>The small types of the vector shape's writer: a loop index and a vector width.</summary>
internal sealed partial class Vector256BodyEmitter
{
    /// <summary>A loop index: a variable, or (in a loop of one pass) the constant <see cref="Value"/>.</summary>
    private sealed class Index
    {
        public Index(string? variable, int value)
        {
            Variable = variable;
            Value = value;
        }

        public string? Variable { get; }

        public int Value { get; }

        public override string ToString() => Variable ?? CSharp.Int(Value);

        /// <summary>start + index × stride, as text.</summary>
        public string At(int start, int stride = 1) =>
            Variable is null ? CSharp.Int(start + (Value * stride)) : CSharp.Offset(start, Variable, stride);
    }

    /// <summary>The branch of one vector width: <c>if (Simd256.IsSupported)</c>, then <c>else if (Simd128.IsSupported)</c>.</summary>

    /// <summary>One vector width's code: the runtime helper, floats per vector, the vector type, its row-block dot product and row-block rank-one update.</summary>
    private sealed class Isa
    {
        public Isa(string helper, string guard, string cpus, int width, string vectorType, string dotRows, string scaledRows, string comment)
        {
            ScaledRows = scaledRows;
            Guard = guard;
            Cpus = cpus;
            Helper = helper;
            Width = width;
            VectorType = vectorType;
            DotRows = dotRows;
            Comment = comment;
        }

        public string Helper { get; }

        /// <summary>The branch condition, for comments: "Simd256.IsSupported".</summary>
        public string Guard { get; }

        /// <summary>The CPUs that take this width, for comments.</summary>
        public string Cpus { get; }

        public int Width { get; }

        public string VectorType { get; }

        public string DotRows { get; }

        /// <summary>The helper that updates a block of rows with one load of the input per vector.</summary>
        public string ScaledRows { get; }

        public string Comment { get; }
    }
}
