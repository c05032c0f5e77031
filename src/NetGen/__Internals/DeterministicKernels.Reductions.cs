using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen.__Internals;

// The reductions and elementwise updates of the deterministic kernels, each in one order with several forms that
// compute the same bits: a Vector256 accumulator, two Vector128 ones, or scalars. Lanes are independent IEEE
// operations (a product rounded, then a sum rounded; never fused), so the form only changes the speed.
public static partial class DeterministicKernels
{
    /// <summary>Σ_i a_i b_i over a's length: 8 partial sums s_r (i ≡ r mod 8), then ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)).</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        Span<float> s = stackalloc float[8];
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
            }

            acc.CopyTo(s);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 8)
        {
            Vector128<float> lo = Vector128<float>.Zero, hi = Vector128<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                lo += Vector128.LoadUnsafe(ref ra, (nuint)i) * Vector128.LoadUnsafe(ref rb, (nuint)i);
                hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 4)) * Vector128.LoadUnsafe(ref rb, (nuint)(i + 4));
            }

            lo.CopyTo(s);
            hi.CopyTo(s.Slice(4));
        }
        else
#endif
        {
            i = ScalarDot8(ref ra, ref rb, n, s);
        }

        // The last n mod 8 terms go to the partial sums their index gives (i is a multiple of 8 here).
        for (int j = i; j < n; j++)
        {
            s[j - i] += Unsafe.Add(ref ra, j) * Unsafe.Add(ref rb, j);
        }

        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }

    /// <summary>Σ_i a_i b_i over a's length: 4 partial sums s_r (i ≡ r mod 4), then (s0+s1)+(s2+s3).</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        Span<double> s = stackalloc double[4];
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
            }

            acc.CopyTo(s);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            Vector128<double> lo = Vector128<double>.Zero, hi = Vector128<double>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                lo += Vector128.LoadUnsafe(ref ra, (nuint)i) * Vector128.LoadUnsafe(ref rb, (nuint)i);
                hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 2)) * Vector128.LoadUnsafe(ref rb, (nuint)(i + 2));
            }

            lo.CopyTo(s);
            hi.CopyTo(s.Slice(2));
        }
        else
#endif
        {
            i = ScalarDot4(ref ra, ref rb, n, s);
        }

        for (int j = i; j < n; j++)
        {
            s[j - i] += Unsafe.Add(ref ra, j) * Unsafe.Add(ref rb, j);
        }

        return (s[0] + s[1]) + (s[2] + s[3]);
    }

    /// <summary>Σ_i a_i in the order of <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (8 partial sums).</summary>
    internal static float Sum(ReadOnlySpan<float> a)
    {
        Span<float> s = stackalloc float[8];
        s.Clear();
        int i = 0;
        for (; i + 8 <= a.Length; i += 8)
        {
            for (int r = 0; r < 8; r++)
            {
                s[r] += a[i + r];
            }
        }

        for (int j = i; j < a.Length; j++)
        {
            s[j - i] += a[j];
        }

        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }

    /// <summary>Σ_i a_i in the order of <see cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/> (4 partial sums).</summary>
    internal static double Sum(ReadOnlySpan<double> a)
    {
        Span<double> s = stackalloc double[4];
        s.Clear();
        int i = 0;
        for (; i + 4 <= a.Length; i += 4)
        {
            for (int r = 0; r < 4; r++)
            {
                s[r] += a[i + r];
            }
        }

        for (int j = i; j < a.Length; j++)
        {
            s[j - i] += a[j];
        }

        return (s[0] + s[1]) + (s[2] + s[3]);
    }

    /// <summary>The scalar form of the float dot product's main loop (for CPUs without SIMD, and for the tests).</summary>
    internal static int ScalarDot8(ref float ra, ref float rb, int n, Span<float> s)
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            s0 += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
            s1 += Unsafe.Add(ref ra, i + 1) * Unsafe.Add(ref rb, i + 1);
            s2 += Unsafe.Add(ref ra, i + 2) * Unsafe.Add(ref rb, i + 2);
            s3 += Unsafe.Add(ref ra, i + 3) * Unsafe.Add(ref rb, i + 3);
            s4 += Unsafe.Add(ref ra, i + 4) * Unsafe.Add(ref rb, i + 4);
            s5 += Unsafe.Add(ref ra, i + 5) * Unsafe.Add(ref rb, i + 5);
            s6 += Unsafe.Add(ref ra, i + 6) * Unsafe.Add(ref rb, i + 6);
            s7 += Unsafe.Add(ref ra, i + 7) * Unsafe.Add(ref rb, i + 7);
        }

        s[0] = s0;
        s[1] = s1;
        s[2] = s2;
        s[3] = s3;
        s[4] = s4;
        s[5] = s5;
        s[6] = s6;
        s[7] = s7;
        return i;
    }

    /// <summary>The scalar form of the double dot product's main loop.</summary>
    internal static int ScalarDot4(ref double ra, ref double rb, int n, Span<double> s)
    {
        double s0 = 0d, s1 = 0d, s2 = 0d, s3 = 0d;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            s0 += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
            s1 += Unsafe.Add(ref ra, i + 1) * Unsafe.Add(ref rb, i + 1);
            s2 += Unsafe.Add(ref ra, i + 2) * Unsafe.Add(ref rb, i + 2);
            s3 += Unsafe.Add(ref ra, i + 3) * Unsafe.Add(ref rb, i + 3);
        }

        s[0] = s0;
        s[1] = s1;
        s[2] = s2;
        s[3] = s3;
        return i;
    }

    /// <summary>c[i] = c[i] + k · s[i] elementwise (the product rounded, then added), in vectors of any width.</summary>
    internal static void AddScaled(Span<float> c, float k, ReadOnlySpan<float> s)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vk = new Vector<float>(k);
            Span<Vector<float>> cv = MemoryMarshal.Cast<float, Vector<float>>(c);
            ReadOnlySpan<Vector<float>> sv = MemoryMarshal.Cast<float, Vector<float>>(s.Slice(0, c.Length));
            for (int v = 0; v < cv.Length; v++)
            {
                cv[v] += vk * sv[v];
            }

            i = cv.Length * Vector<float>.Count;
        }

        for (; i < c.Length; i++)
        {
            c[i] += k * s[i];
        }
    }

    /// <summary>c[i] = c[i] + k · s[i] elementwise (the product rounded, then added), in vectors of any width.</summary>
    internal static void AddScaled(Span<double> c, double k, ReadOnlySpan<double> s)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vk = new Vector<double>(k);
            Span<Vector<double>> cv = MemoryMarshal.Cast<double, Vector<double>>(c);
            ReadOnlySpan<Vector<double>> sv = MemoryMarshal.Cast<double, Vector<double>>(s.Slice(0, c.Length));
            for (int v = 0; v < cv.Length; v++)
            {
                cv[v] += vk * sv[v];
            }

            i = cv.Length * Vector<double>.Count;
        }

        for (; i < c.Length; i++)
        {
            c[i] += k * s[i];
        }
    }
}
