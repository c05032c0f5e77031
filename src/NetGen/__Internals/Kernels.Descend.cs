using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.__Internals;

// The update: plain gradient descent on one parameter range (generated Update and Training.Sgd call it).
public static partial class Kernels
{
    /// <summary>
    /// Gradient descent on one parameter range, then zeroes its gradients:
    /// <c>p[i] -= learningRate * (g[i] * invM + decay * p[i]); g[i] = 0</c> (decay = λ/m for weights, 0 for biases).
    /// Plain multiply and add, no fused multiply-add, so the result is bit-identical to the scalar formula.
    /// </summary>
    [MethodImpl(Optimized)]
    public static void Descend<T>(Span<T> p, Span<T> g, T learningRate, T invM, T decay)
        where T : unmanaged
    {
        Require(g.Length >= p.Length);
        ref T rp = ref MemoryMarshal.GetReference(p);
        ref T rg = ref MemoryMarshal.GetReference(g);
        var lr = new Vector<T>(learningRate);
        var scale = new Vector<T>(invM);
        var vdecay = new Vector<T>(decay);
        int w = Vector<T>.Count;
        int i = 0;
        for (; i + w <= p.Length; i += w)
        {
            Vector<T> pv = Load(ref rp, i);
            Store(ref rp, i, pv - (lr * ((Load(ref rg, i) * scale) + (vdecay * pv))));
            Store(ref rg, i, Vector<T>.Zero);
        }

        for (; i < p.Length; i++)
        {
            ref T pi = ref Unsafe.Add(ref rp, i);
            ref T gi = ref Unsafe.Add(ref rg, i);
            pi = Scalar<T>.Sub(pi, Scalar<T>.Mul(learningRate, Scalar<T>.Add(Scalar<T>.Mul(gi, invM), Scalar<T>.Mul(decay, pi))));
            gi = default;
        }
    }
}
