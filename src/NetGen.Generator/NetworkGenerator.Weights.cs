using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Models;
using NetGen.IO;

namespace NetGen.Generator
{
    /// <summary>
    /// A .safetensors file among the project's AdditionalFiles: its path and its bytes (compared by content, so a
    /// replaced file re-bakes), or why it could not be read.
    /// </summary>
    internal sealed record WeightsFileInfo(string Path, EquatableArray<byte> Bytes, string? Error);

    /// <summary>
    /// Bake: for a declaration with <c>Weights = "file.safetensors"</c>, reads that AdditionalFile, checks every tensor
    /// against the topology and stores the parameters (little-endian, in the network's precision) in the model.
    /// </summary>
    public sealed partial class NetworkGenerator
    {
        /// <summary>The largest weight file NetGen bakes into source (larger ones belong in a file loaded at run time).</summary>
        internal const int MaxBakedBytes = 16 << 20;

        /// <summary>
        /// Reads a .safetensors AdditionalFile. AdditionalText offers only decoded text, and asking the compiler for the
        /// text of a binary file is itself an error (CS2015), so the bytes come from the file the project lists.
        /// </summary>
        internal static WeightsFileInfo Describe(AdditionalText file, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
#pragma warning disable RS1035 // File IO: the binary content of a declared AdditionalFile (see above).
                var info = new FileInfo(file.Path);
                if (info.Length > MaxBakedBytes)
                {
                    return new WeightsFileInfo(file.Path, EquatableArray<byte>.Empty, $"the file has {info.Length} bytes, more than the {MaxBakedBytes} NetGen bakes into source; load it at run time with NetGen.IO.SafeTensors.Load instead");
                }

                return new WeightsFileInfo(file.Path, new EquatableArray<byte>(File.ReadAllBytes(file.Path)), null);
#pragma warning restore RS1035
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                return new WeightsFileInfo(file.Path, EquatableArray<byte>.Empty, "it cannot be read (" + e.Message + ")");
            }
        }

        internal static ParseResult Bake(ParseResult result, EquatableArray<WeightsFileInfo> files, CancellationToken ct)
        {
            if (result.Model is not { WeightsFile.Length: > 0 } model)
            {
                return result;
            }

            string wanted = model.WeightsFile.Replace('\\', '/');
            WeightsFileInfo? match = files.FirstOrDefault(f =>
            {
                string path = f.Path.Replace('\\', '/');
                return path.EndsWith("/" + wanted, StringComparison.Ordinal) || path == wanted;
            });
            if (match is null)
            {
                return Failed(result, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMissing, result.WeightsLocation, model.WeightsFile));
            }

            ct.ThrowIfCancellationRequested();
            if (match.Error is not null)
            {
                return Failed(result, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, result.WeightsLocation, model.WeightsFile, match.Error));
            }

            byte[] bytes = match.Bytes.ToArray();
            string? error = TryBake(bytes, model.Sizes.ToArray(), model.Bias, model.Precision == Precision.Double, out byte[] baked);
            if (error is not null)
            {
                return Failed(result, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, result.WeightsLocation, model.WeightsFile, error));
            }

            return result with { Model = model with { BakedWeights = new EquatableArray<byte>(baked) } };
        }

        private static ParseResult Failed(ParseResult result, DiagnosticInfo diagnostic) =>
            new(null, result.Diagnostics.Concat(new[] { diagnostic }).ToEquatableArray(), result.WeightsLocation);

        /// <summary>
        /// Checks a safetensors file against the topology and decodes it into NetGen's parameter order; returns an
        /// error message naming what is wrong, or null.
        /// </summary>
        internal static string? TryBake(byte[] file, int[] sizes, bool bias, bool isDouble, out byte[] baked)
        {
            baked = Array.Empty<byte>();
            if (!BitConverter.IsLittleEndian)
            {
                return "baking needs a little-endian build machine";
            }

            if (file.Length < 8)
            {
                return $"the file has {file.Length} bytes, fewer than the 8-byte header length";
            }

            ulong headerLength = BitConverter.ToUInt64(file, 0);
            if (headerLength > (ulong)(file.Length - 8))
            {
                return $"the header length {headerLength} runs past the end of the file ({file.Length} bytes)";
            }

            JsonValue header;
            try
            {
                header = JsonReader.Parse(new UTF8Encoding(false, true).GetString(file, 8, (int)headerLength));
            }
            catch (Exception e) when (e is FormatException or DecoderFallbackException or ArgumentException)
            {
                return "the header is not valid JSON (" + e.Message + ")";
            }

            if (header.Kind != JsonKind.Object || header.Members is null)
            {
                return "the header is not a JSON object";
            }

            int dataStart = 8 + (int)headerLength;
            long dataLength = file.Length - dataStart;
            var tensors = new Dictionary<string, (string DType, ulong[] Shape, ulong Begin, ulong End)>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonValue> member in header.Members)
            {
                if (member.Key == "__metadata__")
                {
                    continue;
                }

                string? entryError = ReadEntry(member.Value, out string dtype, out ulong[] shape, out ulong begin, out ulong end);
                if (entryError is not null)
                {
                    return $"tensor '{member.Key}': {entryError}";
                }

                if (begin > end || end > (ulong)dataLength)
                {
                    return $"tensor '{member.Key}' has data_offsets [{begin}, {end}] outside the {dataLength}-byte data buffer";
                }

                tensors[member.Key] = (dtype, shape, begin, end);
            }

            var ranges = tensors.Values.Select(t => (t.Begin, t.End)).OrderBy(r => r.Begin).ToArray();
            for (int i = 1; i < ranges.Length; i++)
            {
                if (ranges[i].Begin < ranges[i - 1].End)
                {
                    return "two tensors' data_offsets overlap";
                }
            }

            var output = new List<byte>();
            var expected = new HashSet<string>(StringComparer.Ordinal);
            for (int l = 1; l < sizes.Length; l++)
            {
                for (int part = 0; part < (bias ? 2 : 1); part++)
                {
                    bool isBias = part == 1;
                    string name = (2 * (l - 1)).ToString(CultureInfo.InvariantCulture) + (isBias ? ".bias" : ".weight");
                    ulong[] shape = isBias ? new[] { (ulong)sizes[l] } : new[] { (ulong)sizes[l], (ulong)sizes[l - 1] };
                    expected.Add(name);
                    if (!tensors.TryGetValue(name, out var tensor))
                    {
                        return $"tensor '{name}' (layer {l} {(isBias ? "bias" : "weight")}, shape {Shape(shape)}) is missing";
                    }

                    if (!tensor.Shape.SequenceEqual(shape))
                    {
                        return $"tensor '{name}' has shape {Shape(tensor.Shape)}, expected {Shape(shape)}";
                    }

                    int sourceSize = tensor.DType == "F64" ? 8 : tensor.DType == "F32" ? 4 : 0;
                    if (sourceSize == 0)
                    {
                        return $"tensor '{name}' has dtype {tensor.DType}; NetGen bakes F32 or F64";
                    }

                    ulong count = shape.Aggregate(1UL, (a, b) => a * b);
                    if (tensor.End - tensor.Begin != count * (ulong)sourceSize)
                    {
                        return $"tensor '{name}' has {tensor.End - tensor.Begin} bytes of data, expected {count * (ulong)sourceSize} ({count} x {tensor.DType})";
                    }

                    for (ulong i = 0; i < count; i++)
                    {
                        int at = dataStart + (int)tensor.Begin + ((int)i * sourceSize);
                        double value = sourceSize == 8 ? BitConverter.ToDouble(file, at) : BitConverter.ToSingle(file, at);
                        if (!isDouble && !double.IsInfinity(value) && float.IsInfinity((float)value))
                        {
                            return $"tensor '{name}' element {i} ({value.ToString("R", CultureInfo.InvariantCulture)}) is too large for float";
                        }

                        output.AddRange(isDouble ? BitConverter.GetBytes(value) : BitConverter.GetBytes((float)value));
                    }
                }
            }

            string? extra = tensors.Keys.FirstOrDefault(k => !expected.Contains(k));
            if (extra is not null)
            {
                return $"tensor '{extra}' does not belong to a {string.Join("-", sizes)} network{(bias ? string.Empty : " without biases")}";
            }

            baked = output.ToArray();
            return null;
        }

        private static string? ReadEntry(JsonValue value, out string dtype, out ulong[] shape, out ulong begin, out ulong end)
        {
            dtype = string.Empty;
            shape = Array.Empty<ulong>();
            begin = end = 0;
            if (value.Kind != JsonKind.Object || value.Members is null)
            {
                return "not a JSON object";
            }

            JsonValue? Field(string key) => value.Members.Where(m => m.Key == key).Select(m => m.Value).FirstOrDefault();
            JsonValue? dtypeValue = Field("dtype");
            if (dtypeValue is not { Kind: JsonKind.String, Text: not null })
            {
                return "no string \"dtype\"";
            }

            dtype = dtypeValue.Text;
            if (!TryIntegers(Field("shape"), out shape))
            {
                return "no integer array \"shape\"";
            }

            if (!TryIntegers(Field("data_offsets"), out ulong[] offsets) || offsets.Length != 2)
            {
                return "no \"data_offsets\" pair";
            }

            begin = offsets[0];
            end = offsets[1];
            return null;
        }

        private static bool TryIntegers(JsonValue? value, out ulong[] numbers)
        {
            numbers = Array.Empty<ulong>();
            if (value is not { Kind: JsonKind.Array, Items: not null })
            {
                return false;
            }

            var list = new List<ulong>();
            foreach (JsonValue item in value.Items)
            {
                if (!item.TryGetUInt64(out ulong n))
                {
                    return false;
                }

                list.Add(n);
            }

            numbers = list.ToArray();
            return true;
        }

        private static string Shape(ulong[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
