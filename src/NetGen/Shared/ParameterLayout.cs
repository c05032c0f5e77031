namespace NetGen;

/// <summary>
/// The one definition of the parameter order, compiled into the runtime (<c>NetworkLayout</c>, safetensors files) and
/// into the generator (the emitted indices, baked weights): layer by layer, W^l as [out, in] row-major, then b^l
/// (PyTorch nn.Linear order).
/// </summary>
internal static class ParameterLayout
{
    /// <summary>
    /// The index of W^l[0, 0] and of b^l[0] for l = 1..L (index 0 unused; without biases, where b^l would start,
    /// which is where W^l ends); returns the parameter count.
    /// </summary>
    public static int Offsets(int[] sizes, bool bias, out int[] weightOffset, out int[] biasOffset)
    {
        weightOffset = new int[sizes.Length];
        biasOffset = new int[sizes.Length];
        int offset = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            weightOffset[l] = offset;
            offset += sizes[l - 1] * sizes[l];
            biasOffset[l] = offset;
            if (bias)
            {
                offset += sizes[l];
            }
        }

        return offset;
    }

    /// <summary>
    /// The parameter count of any sizes, saturated at <see cref="long.MaxValue"/> (sizes up to int.MaxValue cannot
    /// overflow it): the parser checks declarations with it before anything is allocated.
    /// </summary>
    public static long Count(System.Collections.Generic.IReadOnlyList<int> sizes, bool bias)
    {
        long count = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            long layer = ((long)sizes[l - 1] * sizes[l]) + (bias ? sizes[l] : 0);
            if (count > long.MaxValue - layer)
            {
                return long.MaxValue;
            }

            count += layer;
        }

        return count;
    }
}
