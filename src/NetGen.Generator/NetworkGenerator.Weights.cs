using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Models;
using NetGen.IO;

namespace NetGen.Generator;

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
    /// <summary>
    /// The most parameter data NetGen bakes into one network: 15 MiB (parameters x 4 or 8 bytes). Baked data is a
    /// string constant, and an assembly's string constants share one 16 MiB heap (more is the compiler's CS8103,
    /// measured with 17.0 MB); 15 MiB leaves 1 MiB for the program's own literals. Build cost is no longer the limit:
    /// 15.3 MB of weights added 1.5-6 s and 0.2 GB to a build of the same network without them (docs/safetensors.md).
    /// </summary>
    internal const int MaxBakedBytes = 15 << 20;

    /// <summary>The largest file read for baking: an F64 file of a float network at <see cref="MaxBakedBytes"/>, plus room for its header.</summary>
    internal const int MaxFileBytes = (2 * MaxBakedBytes) + (1 << 20);

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
            if (info.Length > MaxFileBytes)
            {
                return new WeightsFileInfo(file.Path, EquatableArray<byte>.Empty, $"the file has {info.Length} bytes, more than the {MaxFileBytes} NetGen reads for baking; load it at run time with NetGen.IO.SafeTensors.Load instead");
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

        DiagnosticInfo? unmatched = MatchWeightsFile(model.WeightsFile, result.WeightsLocation, files.Select(f => f.Path), out string? path);
        if (unmatched is not null)
        {
            return Failed(result, unmatched);
        }

        WeightsFileInfo match = files.First(f => f.Path == path);
        ct.ThrowIfCancellationRequested();
        if (match.Error is not null)
        {
            return Failed(result, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, result.WeightsLocation, model.WeightsFile, match.Error));
        }

        byte[] bytes = match.Bytes.ToArray();
        int[] sizes = model.Sizes.ToArray();
        string activations = string.Join(",", model.Activations.Select(a => a.ToString()));
        string? error = TryBake(bytes, sizes, model.Bias, model.Precision == Precision.Double, out byte[] baked, activations, model.Loss.ToString());
        if (error is not null)
        {
            return Failed(result, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, result.WeightsLocation, model.WeightsFile, error));
        }

        return result with { Model = model with { BakedWeights = new EquatableArray<byte>(baked) } };
    }

    /// <summary>Whether an AdditionalFile is a weights file NetGen considers (by its extension, .safetensors).</summary>
    internal static bool IsWeightsFile(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Which weights file <c>Weights = "<paramref name="weightsFile"/>"</c> names among <paramref name="paths"/> (the
    /// .safetensors AdditionalFiles): every path that is the Weights string or ends with "/" + it, whatever order the
    /// build lists them in. One match is returned in <paramref name="match"/>; none is NG0018, several are NG0024
    /// naming each (a folder in Weights tells them apart). Paths only, no file content: the analyzer reports these
    /// live, and the generator only skips the declaration.
    /// </summary>
    internal static DiagnosticInfo? MatchWeightsFile(string weightsFile, LocationInfo? location, IEnumerable<string> paths, out string? match)
    {
        match = null;
        string wanted = weightsFile.Replace('\\', '/');
        string[] matches = paths
            .Where(p =>
            {
                string path = p.Replace('\\', '/');
                return path.EndsWith("/" + wanted, StringComparison.Ordinal) || path == wanted;
            })
            .GroupBy(p => p.Replace('\\', '/'), StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
        if (matches.Length == 0)
        {
            return DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMissing, location, weightsFile);
        }

        if (matches.Length > 1)
        {
            string example = Path.GetFileName(Path.GetDirectoryName(matches[0]) ?? string.Empty) + "/" + wanted;
            string reason = $"it matches {matches.Length} AdditionalFiles, {string.Join(" and ", matches)}; write enough of the path to tell them apart, for example Weights = \"{example}\"";
            return DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileAmbiguous, location, weightsFile, reason);
        }

        match = matches[0];
        return null;
    }

    private static ParseResult Failed(ParseResult result, DiagnosticInfo diagnostic) =>
        new(null, result.Diagnostics.Concat(new[] { diagnostic }).ToEquatableArray(), result.WeightsLocation);

    /// <summary>
    /// Checks a safetensors file against the topology with the runtime's own validator (<see cref="SafeTensorsHeader"/>,
    /// so a file bakes exactly when <c>SafeTensors.Load</c> would load it) and decodes it into NetGen's parameter
    /// order; returns the loader's error message, or null.
    /// </summary>
    internal static string? TryBake(byte[] file, int[] sizes, bool bias, bool isDouble, out byte[] baked, string? activations = null, string? loss = null)
    {
        baked = Array.Empty<byte>();
        if (!BitConverter.IsLittleEndian)
        {
            return "baking needs a little-endian build machine";
        }

        long parameters = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            parameters += ((long)sizes[l - 1] * sizes[l]) + (bias ? sizes[l] : 0);
        }

        long bakedBytes = parameters * (isDouble ? 8 : 4);
        if (bakedBytes > MaxBakedBytes)
        {
            return $"its {parameters} {(isDouble ? "double" : "float")} parameters take {bakedBytes} bytes, more than the {MaxBakedBytes} (15 MiB) NetGen bakes into one network (baked data is a string constant, and an assembly's string constants share a 16 MiB limit, CS8103); load the file at run time with NetGen.IO.SafeTensors.Load instead";
        }

        string? error = SafeTensorsHeader.CheckLength(file, Math.Min(file.Length, 8), file.Length - 8L, out ulong n);
        if (error is not null)
        {
            return error;
        }

        byte[] header = new byte[(int)n];
        Array.Copy(file, 8, header, 0, header.Length);
        long dataStart = 8 + (long)n;
        error = SafeTensorsHeader.Check(header, sizes, bias, isDouble, file.Length - dataStart, out SafeTensorsLayout? layout);
        if (error is null && activations is not null && loss is not null)
        {
            error = SafeTensorsHeader.CheckRecord(layout!.Metadata, activations, loss);
        }

        if (error is not null)
        {
            return error;
        }

        int count = 0;
        foreach (SafeTensorsEntry entry in layout!.Tensors)
        {
            count += entry.Count;
        }

        // Decoded in data-buffer order into Parameters order, in the network's precision, little-endian.
        var bytes = new ReadOnlySpan<byte>(file, (int)dataStart, file.Length - (int)dataStart);
        if (isDouble)
        {
            var values = new double[count];
            foreach (SafeTensorsEntry entry in layout.Tensors)
            {
                SafeTensorsHeader.Decode(bytes.Slice((int)entry.Begin, (int)(entry.End - entry.Begin)), entry, values.AsSpan(entry.ParameterOffset, entry.Count));
            }

            baked = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }
        else
        {
            var values = new float[count];
            foreach (SafeTensorsEntry entry in layout.Tensors)
            {
                error = SafeTensorsHeader.Decode(bytes.Slice((int)entry.Begin, (int)(entry.End - entry.Begin)), entry, 0, values.AsSpan(entry.ParameterOffset, entry.Count));
                if (error is not null)
                {
                    return error;
                }
            }

            baked = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }

        return null;
    }
}
