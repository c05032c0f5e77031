using System;

namespace NetGen.Benchmarks.Implementations;

/// <summary>
/// The "what a user would write" baseline: jagged arrays (w[layer][unit][input]), sizes known only at run time,
/// straightforward loops, MathF for the activations. The same equations as NetGen: sigmoid or tanh hidden
/// units, sigmoid outputs, E = 1/2 sum (g - y)^2, online SGD or an averaged batch step.
/// </summary>
internal sealed class PlainNetwork
{
    private readonly int[] _sizes;
    private readonly bool _tanhHidden;
    private readonly int _layers;
    private readonly float[][][] _w;   // _w[l][j][k]: unit k of layer l to unit j of layer l+1
    private readonly float[][] _b;     // _b[l][j]
    private readonly float[][] _a;     // activations of layer l+1
    private readonly float[][] _d;     // errors (dE/dz) of layer l+1
    private readonly float[][][] _gw;  // summed gradients, for the batch step
    private readonly float[][] _gb;

    public PlainNetwork(int[] sizes, bool tanhHidden)
    {
        _sizes = sizes;
        _tanhHidden = tanhHidden;
        _layers = sizes.Length - 1;
        _w = new float[_layers][][];
        _gw = new float[_layers][][];
        _b = new float[_layers][];
        _gb = new float[_layers][];
        _a = new float[_layers][];
        _d = new float[_layers][];
        for (int l = 0; l < _layers; l++)
        {
            _w[l] = new float[sizes[l + 1]][];
            _gw[l] = new float[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _w[l][j] = new float[sizes[l]];
                _gw[l][j] = new float[sizes[l]];
            }

            _b[l] = new float[sizes[l + 1]];
            _gb[l] = new float[sizes[l + 1]];
            _a[l] = new float[sizes[l + 1]];
            _d[l] = new float[sizes[l + 1]];
        }
    }

    /// <summary>Loads NetGen's layout: per layer W [out x in] row-major, then b.</summary>
    public void SetParameters(ReadOnlySpan<float> p)
    {
        int i = 0;
        for (int l = 0; l < _layers; l++)
        {
            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                for (int k = 0; k < _sizes[l]; k++)
                {
                    _w[l][j][k] = p[i++];
                }
            }

            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                _b[l][j] = p[i++];
            }
        }
    }

    public void GetParameters(Span<float> p)
    {
        int i = 0;
        for (int l = 0; l < _layers; l++)
        {
            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                for (int k = 0; k < _sizes[l]; k++)
                {
                    p[i++] = _w[l][j][k];
                }
            }

            for (int j = 0; j < _sizes[l + 1]; j++)
            {
                p[i++] = _b[l][j];
            }
        }
    }

    public void Forward(float[] x, float[] output)
    {
        Propagate(x);
        Array.Copy(_a[_layers - 1], output, output.Length);
    }

    /// <summary>One online SGD step; returns E before the step.</summary>
    public float TrainStep(float[] x, float[] y, float learningRate)
    {
        Propagate(x);
        float loss = BackPropagate(y);
        for (int l = 0; l < _layers; l++)
        {
            float[] input = l == 0 ? x : _a[l - 1];
            float[][] w = _w[l];
            float[] b = _b[l];
            float[] d = _d[l];
            for (int j = 0; j < w.Length; j++)
            {
                float[] wj = w[j];
                float step = learningRate * d[j];
                for (int k = 0; k < wj.Length; k++)
                {
                    wj[k] -= step * input[k];
                }

                b[j] -= step;
            }
        }

        return loss;
    }

    /// <summary>Sums the gradients of <paramref name="count"/> examples, then theta -= eta * G / count.</summary>
    public float BatchStep(float[][] xs, float[][] ys, int count, float learningRate)
    {
        float loss = 0;
        for (int n = 0; n < count; n++)
        {
            float[] x = xs[n];
            Propagate(x);
            loss += BackPropagate(ys[n]);
            for (int l = 0; l < _layers; l++)
            {
                float[] input = l == 0 ? x : _a[l - 1];
                float[][] gw = _gw[l];
                float[] gb = _gb[l];
                float[] d = _d[l];
                for (int j = 0; j < gw.Length; j++)
                {
                    float[] gwj = gw[j];
                    float dj = d[j];
                    for (int k = 0; k < gwj.Length; k++)
                    {
                        gwj[k] += dj * input[k];
                    }

                    gb[j] += dj;
                }
            }
        }

        float scale = learningRate / count;
        for (int l = 0; l < _layers; l++)
        {
            for (int j = 0; j < _w[l].Length; j++)
            {
                float[] wj = _w[l][j];
                float[] gwj = _gw[l][j];
                for (int k = 0; k < wj.Length; k++)
                {
                    wj[k] -= scale * gwj[k];
                    gwj[k] = 0;
                }

                _b[l][j] -= scale * _gb[l][j];
                _gb[l][j] = 0;
            }
        }

        return loss;
    }

    private void Propagate(float[] x)
    {
        float[] input = x;
        for (int l = 0; l < _layers; l++)
        {
            bool sigmoid = l == _layers - 1 || !_tanhHidden;
            float[][] w = _w[l];
            float[] b = _b[l];
            float[] a = _a[l];
            for (int j = 0; j < a.Length; j++)
            {
                float[] wj = w[j];
                float z = b[j];
                for (int k = 0; k < wj.Length; k++)
                {
                    z += wj[k] * input[k];
                }

                a[j] = sigmoid ? 1f / (1f + MathF.Exp(-z)) : MathF.Tanh(z);
            }

            input = a;
        }
    }

    // Output error d = (g - y) g (1 - g), then d_l = (W_{l+1}^T d_{l+1}) f'(a_l) down to the first layer.
    private float BackPropagate(float[] y)
    {
        float loss = 0;
        int last = _layers - 1;
        float[] g = _a[last];
        float[] dOut = _d[last];
        for (int j = 0; j < g.Length; j++)
        {
            float e = g[j] - y[j];
            loss += 0.5f * e * e;
            dOut[j] = e * g[j] * (1f - g[j]);
        }

        for (int l = last - 1; l >= 0; l--)
        {
            float[] a = _a[l];
            float[] d = _d[l];
            float[][] wNext = _w[l + 1];
            float[] dNext = _d[l + 1];
            for (int k = 0; k < a.Length; k++)
            {
                float s = 0;
                for (int j = 0; j < dNext.Length; j++)
                {
                    s += wNext[j][k] * dNext[j];
                }

                d[k] = s * (_tanhHidden ? 1f - a[k] * a[k] : a[k] * (1f - a[k]));
            }
        }

        return loss;
    }
}
