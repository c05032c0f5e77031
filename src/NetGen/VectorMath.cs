#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// Vectorised float exp and tanh for the SIMD kernels (.NET 8+; netstandard2.0 uses the scalar functions).
    /// exp: Cody-Waite range reduction x = n ln2 + r and the Cephes expf polynomial (about 1 ulp on [-87, 88]);
    /// tanh |z| = (1 − e^(−2|z|)) / (1 + e^(−2|z|)) with the sign restored, z (1 − z²/3) near 0 (absolute error below 1e-7).
    /// Deterministic: plain IEEE multiply and add, the same bits on every machine with the same vector width.
    /// </summary>
    internal static class VectorMath
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Exp(Vector<float> x)
        {
            // exp(88) is near float.MaxValue; below -87 the result is 0 to within float's normal range.
            x = Vector.Min(Vector.Max(x, new Vector<float>(-87.33654f)), new Vector<float>(88f));
            Vector<float> n = Vector.Floor((x * new Vector<float>(1.44269504088896341f)) + new Vector<float>(0.5f));
            Vector<float> r = x - (n * new Vector<float>(0.693359375f)) - (n * new Vector<float>(-2.12194440e-4f));
            Vector<float> p = new Vector<float>(1.9875691500e-4f);
            p = (p * r) + new Vector<float>(1.3981999507e-3f);
            p = (p * r) + new Vector<float>(8.3334519073e-3f);
            p = (p * r) + new Vector<float>(4.1665795894e-2f);
            p = (p * r) + new Vector<float>(1.6666665459e-1f);
            p = (p * r) + new Vector<float>(5.0000001201e-1f);
            p = (p * (r * r)) + r + Vector<float>.One;
            Vector<int> exponent = Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23);
            return p * Vector.AsVectorSingle(exponent);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Tanh(Vector<float> z)
        {
            Vector<float> abs = Vector.Abs(z);
            Vector<float> t = Exp(new Vector<float>(-2f) * abs);
            Vector<float> magnitude = (Vector<float>.One - t) / (Vector<float>.One + t);
            Vector<float> result = Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -magnitude, magnitude);

            // Near 0 the quotient cancels: tanh z = z (1 − z²/3) there, as in NetMath.Tanh.
            Vector<float> series = z * (Vector<float>.One - (z * z * new Vector<float>(1f / 3f)));
            return Vector.ConditionalSelect(Vector.LessThan(abs, new Vector<float>(NetMath.TanhSeriesLimit)), series, result);
        }
    }
}
#endif
