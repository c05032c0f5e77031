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
    /// <summary>
    /// Σ_i a_i b_i over a's length: 8 partial sums s_r (i ≡ r mod 8, ascending i, each product rounded), then
    /// ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)): one Vector256 accumulator's two halves added, then the pairs.
    /// </summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
#if NET8_0_OR_GREATER
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> lo = Vector128<float>.Zero, hi = Vector128<float>.Zero;
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> acc = Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
                }

                lo = acc.GetLower();
                hi = acc.GetUpper();
            }
            else
            {
                for (; i + 8 <= n; i += 8)
                {
                    lo += Vector128.LoadUnsafe(ref ra, (nuint)i) * Vector128.LoadUnsafe(ref rb, (nuint)i);
                    hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 4)) * Vector128.LoadUnsafe(ref rb, (nuint)(i + 4));
                }
            }

            if (i < n)
            {
                // The last n mod 8 terms (i is a multiple of 8) into the partial sums their index gives.
                return Combine(lo.GetElement(0), lo.GetElement(1), lo.GetElement(2), lo.GetElement(3), hi.GetElement(0), hi.GetElement(1), hi.GetElement(2), hi.GetElement(3), ref Unsafe.Add(ref ra, i), ref Unsafe.Add(ref rb, i), n - i);
            }

            Vector128<float> u = lo + hi;
            return (u.GetElement(0) + u.GetElement(2)) + (u.GetElement(1) + u.GetElement(3));
        }
#endif
        return ScalarDot(ref ra, ref rb, n);
    }

    /// <summary>Σ_i a_i b_i over a's length: 4 partial sums s_r (i ≡ r mod 4), then (s0 + s2) + (s1 + s3).</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
#if NET8_0_OR_GREATER
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<double> lo = Vector128<double>.Zero, hi = Vector128<double>.Zero;
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> acc = Vector256<double>.Zero;
                for (; i + 4 <= n; i += 4)
                {
                    acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
                }

                lo = acc.GetLower();
                hi = acc.GetUpper();
            }
            else
            {
                for (; i + 4 <= n; i += 4)
                {
                    lo += Vector128.LoadUnsafe(ref ra, (nuint)i) * Vector128.LoadUnsafe(ref rb, (nuint)i);
                    hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 2)) * Vector128.LoadUnsafe(ref rb, (nuint)(i + 2));
                }
            }

            if (i < n)
            {
                return Combine(lo.GetElement(0), lo.GetElement(1), hi.GetElement(0), hi.GetElement(1), ref Unsafe.Add(ref ra, i), ref Unsafe.Add(ref rb, i), n - i);
            }

            Vector128<double> u = lo + hi;
            return u.GetElement(0) + u.GetElement(1);
        }
#endif
        return ScalarDot(ref ra, ref rb, n);
    }

    /// <summary>
    /// Σ_i a_i in the order of <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (8 partial sums, the same
    /// vector forms): the dot product with every b_i = 1, whose products a_i · 1 are exact.
    /// </summary>
    internal static float Sum(ReadOnlySpan<float> a)
    {
        int n = a.Length;
        ref float ra = ref MemoryMarshal.GetReference(a);
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector128.IsHardwareAccelerated && n >= 8)
        {
            Vector128<float> lo = Vector128<float>.Zero, hi = Vector128<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                lo += Vector128.LoadUnsafe(ref ra, (nuint)i);
                hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 4));
            }

            (s0, s1, s2, s3) = (lo.GetElement(0), lo.GetElement(1), lo.GetElement(2), lo.GetElement(3));
            (s4, s5, s6, s7) = (hi.GetElement(0), hi.GetElement(1), hi.GetElement(2), hi.GetElement(3));
        }
#endif
        for (; i + 8 <= n; i += 8)
        {
            s0 += Unsafe.Add(ref ra, i);
            s1 += Unsafe.Add(ref ra, i + 1);
            s2 += Unsafe.Add(ref ra, i + 2);
            s3 += Unsafe.Add(ref ra, i + 3);
            s4 += Unsafe.Add(ref ra, i + 4);
            s5 += Unsafe.Add(ref ra, i + 5);
            s6 += Unsafe.Add(ref ra, i + 6);
            s7 += Unsafe.Add(ref ra, i + 7);
        }

        // The last n mod 8 (i is a multiple of 8 here), element t to partial sum t.
        s0 += i < n ? Unsafe.Add(ref ra, i) : 0f;
        s1 += i + 1 < n ? Unsafe.Add(ref ra, i + 1) : 0f;
        s2 += i + 2 < n ? Unsafe.Add(ref ra, i + 2) : 0f;
        s3 += i + 3 < n ? Unsafe.Add(ref ra, i + 3) : 0f;
        s4 += i + 4 < n ? Unsafe.Add(ref ra, i + 4) : 0f;
        s5 += i + 5 < n ? Unsafe.Add(ref ra, i + 5) : 0f;
        s6 += i + 6 < n ? Unsafe.Add(ref ra, i + 6) : 0f;
        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
    }

    /// <summary>Σ_i a_i in the order of <see cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/> (4 partial sums).</summary>
    internal static double Sum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        ref double ra = ref MemoryMarshal.GetReference(a);
        double s0 = 0d, s1 = 0d, s2 = 0d, s3 = 0d;
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            Vector128<double> lo = Vector128<double>.Zero, hi = Vector128<double>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                lo += Vector128.LoadUnsafe(ref ra, (nuint)i);
                hi += Vector128.LoadUnsafe(ref ra, (nuint)(i + 2));
            }

            (s0, s1, s2, s3) = (lo.GetElement(0), lo.GetElement(1), hi.GetElement(0), hi.GetElement(1));
        }
#endif
        for (; i + 4 <= n; i += 4)
        {
            s0 += Unsafe.Add(ref ra, i);
            s1 += Unsafe.Add(ref ra, i + 1);
            s2 += Unsafe.Add(ref ra, i + 2);
            s3 += Unsafe.Add(ref ra, i + 3);
        }

        s0 += i < n ? Unsafe.Add(ref ra, i) : 0d;
        s1 += i + 1 < n ? Unsafe.Add(ref ra, i + 1) : 0d;
        s2 += i + 2 < n ? Unsafe.Add(ref ra, i + 2) : 0d;
        return (s0 + s2) + (s1 + s3);
    }

    /// <summary>The scalar form of the float dot product (CPUs without SIMD, the netstandard2.0 build, and the tests).</summary>
    internal static float ScalarDot(ref float ra, ref float rb, int n)
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

        // (No reference past the end when nothing is left: count 0 reads nothing, so any start will do.)
        return i < n
            ? Combine(s0, s1, s2, s3, s4, s5, s6, s7, ref Unsafe.Add(ref ra, i), ref Unsafe.Add(ref rb, i), n - i)
            : Combine(s0, s1, s2, s3, s4, s5, s6, s7, ref ra, ref rb, 0);
    }

    /// <summary>
    /// Adds the last <paramref name="count"/> (&lt; 8) products, element t to partial sum t, and combines the 8 sums
    /// as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)).
    /// </summary>
    private static float Combine(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7, ref float ra, ref float rb, int count)
    {
        if (count > 0)
        {
            s0 += ra * rb;
        }

        if (count > 1)
        {
            s1 += Unsafe.Add(ref ra, 1) * Unsafe.Add(ref rb, 1);
        }

        if (count > 2)
        {
            s2 += Unsafe.Add(ref ra, 2) * Unsafe.Add(ref rb, 2);
        }

        if (count > 3)
        {
            s3 += Unsafe.Add(ref ra, 3) * Unsafe.Add(ref rb, 3);
        }

        if (count > 4)
        {
            s4 += Unsafe.Add(ref ra, 4) * Unsafe.Add(ref rb, 4);
        }

        if (count > 5)
        {
            s5 += Unsafe.Add(ref ra, 5) * Unsafe.Add(ref rb, 5);
        }

        if (count > 6)
        {
            s6 += Unsafe.Add(ref ra, 6) * Unsafe.Add(ref rb, 6);
        }

        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
    }

    /// <summary>The scalar form of the double dot product.</summary>
    internal static double ScalarDot(ref double ra, ref double rb, int n)
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

        return i < n
            ? Combine(s0, s1, s2, s3, ref Unsafe.Add(ref ra, i), ref Unsafe.Add(ref rb, i), n - i)
            : Combine(s0, s1, s2, s3, ref ra, ref rb, 0);
    }

    /// <summary>Adds the last <paramref name="count"/> (&lt; 4) products, element t to partial sum t, and combines as (s0 + s2) + (s1 + s3).</summary>
    private static double Combine(double s0, double s1, double s2, double s3, ref double ra, ref double rb, int count)
    {
        if (count > 0)
        {
            s0 += ra * rb;
        }

        if (count > 1)
        {
            s1 += Unsafe.Add(ref ra, 1) * Unsafe.Add(ref rb, 1);
        }

        if (count > 2)
        {
            s2 += Unsafe.Add(ref ra, 2) * Unsafe.Add(ref rb, 2);
        }

        return (s0 + s2) + (s1 + s3);
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
