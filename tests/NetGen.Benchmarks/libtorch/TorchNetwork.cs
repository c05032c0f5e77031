using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.LibTorch;

/// <summary>
/// The libtorch side: the same network as torch.nn.Sequential(Linear, Sigmoid, Linear, Sigmoid[, ...]), float32 on the
/// CPU, loaded with NetGen's parameters; a training step is the summed squared error 1/2 sum (g - y)^2, backward, then
/// torch.optim.SGD with lr = eta / m (plain SGD: theta -= eta/m * G, as NetGen's ApplyGradients(eta, m)).
/// </summary>
public sealed class TorchNetwork : IDisposable
{
    private readonly Sequential _model;
    private readonly Linear[] _layers;
    private readonly optim.Optimizer _sgd;
    private readonly int[] _sizes;

    public TorchNetwork(ReadOnlySpan<int> sizes, ReadOnlySpan<float> parameters, float learningRate, int batchSize)
    {
        _sizes = sizes.ToArray();
        _layers = new Linear[_sizes.Length - 1];
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l] = nn.Linear(_sizes[l], _sizes[l + 1]);
            modules.Add(($"linear{l + 1}", _layers[l]));
            modules.Add(($"sigmoid{l + 1}", nn.Sigmoid()));
        }

        _model = nn.Sequential(modules);
        SetParameters(parameters);
        _sgd = optim.SGD(_model.parameters(), learningRate / batchSize);
    }

    /// <summary>Loads parameters in NetGen's layout: per layer, W as [out, in] row-major, then b [out] (nn.Linear's order).</summary>
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        int offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            int fanIn = _sizes[l], fanOut = _sizes[l + 1];
            float[] w = parameters.Slice(offset, fanOut * fanIn).ToArray();
            offset += fanOut * fanIn;
            float[] b = parameters.Slice(offset, fanOut).ToArray();
            offset += fanOut;
            _layers[l].weight!.copy_(tensor(w, new long[] { fanOut, fanIn }));
            _layers[l].bias!.copy_(tensor(b, new long[] { fanOut }));
        }

        if (offset != parameters.Length)
        {
            throw new ArgumentException($"expected {offset} parameters, got {parameters.Length}");
        }
    }

    /// <summary>The parameters in NetGen's layout.</summary>
    public float[] GetParameters() => Flatten(p => p);

    /// <summary>The gradients of the last <see cref="Backward"/>, in NetGen's layout.</summary>
    public float[] GetGradients() => Flatten(p => p.grad ?? throw new InvalidOperationException("no gradient yet"));

    private float[] Flatten(Func<Tensor, Tensor> select)
    {
        var all = new List<float>();
        foreach (Linear layer in _layers)
        {
            all.AddRange(select(layer.weight!).detach().data<float>().ToArray());
            all.AddRange(select(layer.bias!).detach().data<float>().ToArray());
        }

        return all.ToArray();
    }

    /// <summary>The forward pass (with autograd on, as in training).</summary>
    public Tensor Forward(Tensor inputs) => _model.forward(inputs);

    /// <summary>Inference: the forward pass under torch.no_grad().</summary>
    public Tensor Infer(Tensor inputs)
    {
        using IDisposable noGrad = no_grad();
        return _model.forward(inputs);
    }

    /// <summary>Clears the gradients, forward, E = 1/2 sum (g - y)^2 over the batch and outputs, backward; returns E.</summary>
    public Tensor Backward(Tensor inputs, Tensor targets)
    {
        // PyTorch 2's default, zero_grad(set_to_none=True): backward then writes fresh gradient tensors instead of adding
        // into zeroed ones (TorchSharp's optimizer.zero_grad() zeroes in place, which was not faster here).
        _model.zero_grad(set_to_none: true);
        Tensor output = _model.forward(inputs);
        Tensor loss = nn.functional.mse_loss(output, targets, nn.Reduction.Sum) * 0.5f;
        loss.backward();
        return loss;
    }

    /// <summary>One training step: <see cref="Backward"/>, then SGD (theta -= eta/m * G).</summary>
    public Tensor TrainStep(Tensor inputs, Tensor targets)
    {
        Tensor loss = Backward(inputs, targets);
        _sgd.step();
        return loss;
    }

    /// <summary>The SGD step on the gradients of the last <see cref="Backward"/>.</summary>
    public void Step() => _sgd.step();

    public void Dispose()
    {
        _sgd.Dispose();
        _model.Dispose();
    }
}
