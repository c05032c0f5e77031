using System;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Implementations;

/// <summary>FANN 2.2, float build (libfloatfann), through P/Invoke: the calls the benchmark makes.</summary>
internal static unsafe partial class FannNative
{
    // enum values of fann_data.h; fann_access.cpp static_asserts them against the installed header.
    public const int Sigmoid = 3;            // FANN_SIGMOID: 1 / (1 + exp(-2 s x)); s = 0.5 is the logistic
    public const int SigmoidSymmetric = 5;   // FANN_SIGMOID_SYMMETRIC: tanh(s x); s = 1 is tanh
    public const int ErrorFunctionLinear = 0; // FANN_ERRORFUNC_LINEAR: plain squared error (default is TANH)
    public const int TrainIncremental = 0;   // FANN_TRAIN_INCREMENTAL
    public const int TrainBatch = 1;         // FANN_TRAIN_BATCH

    // fann_create_standard is variadic; fann_create_standard_array is the same function with an array, and the
    // one to call through P/Invoke (variadic calls are not portable).
    [LibraryImport(NativeLibraries.Fann)]
    public static partial nint fann_create_standard_array(uint numLayers, uint* layers);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_destroy(nint ann);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_activation_function_hidden(nint ann, int activation);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_activation_function_output(nint ann, int activation);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_activation_steepness_hidden(nint ann, float steepness);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_activation_steepness_output(nint ann, float steepness);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_train_error_function(nint ann, int errorFunction);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_training_algorithm(nint ann, int algorithm);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_learning_rate(nint ann, float learningRate);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_set_learning_momentum(nint ann, float momentum);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial uint fann_get_total_connections(nint ann);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_get_connection_array(nint ann, FannConnection* connections);

    /// <summary>One incremental backpropagation step on one example (fann_run + backprop + weight update).</summary>
    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_train(nint ann, float* input, float* desiredOutput);

    /// <summary>Inference; returns FANN's own output buffer.</summary>
    [LibraryImport(NativeLibraries.Fann)]
    public static partial float* fann_run(nint ann, float* input);

    /// <summary>One epoch over the data; with FANN_TRAIN_BATCH, one gradient step with learning_rate / n.</summary>
    [LibraryImport(NativeLibraries.Fann)]
    public static partial float fann_train_epoch(nint ann, nint data);

    [LibraryImport(NativeLibraries.Fann)]
    public static partial void fann_destroy_train(nint data);
}

/// <summary>struct fann_connection.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FannConnection
{
    public uint FromNeuron;
    public uint ToNeuron;
    public float Weight;
}

/// <summary>A FANN network of the topology, with NetGen's parameters loaded into its weight array.</summary>
internal sealed unsafe class FannNetwork : IDisposable
{
    private readonly Topology _topology;
    private readonly int[] _map;           // FANN weight c = NetGen parameter _map[c]
    private nint _ann;
    private nint _trainData;
    private float _learningRate = float.NaN;

    public FannNetwork(Topology topology, Dataset data)
    {
        _topology = topology;
        NativeLibraries.EnsureLoaded();
        uint[] layers = Array.ConvertAll(topology.Sizes, s => (uint)s);
        fixed (uint* l = layers)
        {
            _ann = FannNative.fann_create_standard_array((uint)layers.Length, l);
        }

        if (_ann == 0)
        {
            throw new InvalidOperationException($"fann_create_standard_array failed for {topology.Name}");
        }

        FannNative.fann_set_activation_function_hidden(_ann, topology.TanhHidden ? FannNative.SigmoidSymmetric : FannNative.Sigmoid);
        FannNative.fann_set_activation_steepness_hidden(_ann, topology.TanhHidden ? 1.0f : 0.5f);
        FannNative.fann_set_activation_function_output(_ann, FannNative.Sigmoid);
        FannNative.fann_set_activation_steepness_output(_ann, 0.5f);
        FannNative.fann_set_train_error_function(_ann, FannNative.ErrorFunctionLinear);
        FannNative.fann_set_learning_momentum(_ann, 0f);
        // fann_train is always incremental; the algorithm only decides what fann_train_epoch does.
        FannNative.fann_set_training_algorithm(_ann, FannNative.TrainBatch);
        _map = BuildMap(_ann, topology);
        _trainData = ShimNative.nb_fann_create_train(
            (uint)data.Count, (uint)topology.InputCount, (uint)topology.OutputCount, data.XPtr, data.YPtr);
        if (_trainData == 0)
        {
            throw new InvalidOperationException("fann_create_train failed");
        }
    }

    public nint Handle => _ann;

    public nint TrainData => _trainData;

    public void SetLearningRate(float learningRate)
    {
        if (learningRate != _learningRate)
        {
            FannNative.fann_set_learning_rate(_ann, learningRate);
            _learningRate = learningRate;
        }
    }

    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        float* w = ShimNative.nb_fann_weights(_ann);
        for (int c = 0; c < _map.Length; c++)
        {
            w[c] = parameters[_map[c]];
        }
    }

    public void GetParameters(Span<float> parameters)
    {
        float* w = ShimNative.nb_fann_weights(_ann);
        for (int c = 0; c < _map.Length; c++)
        {
            parameters[_map[c]] = w[c];
        }
    }

    public void TrainStep(float* x, float* y) => FannNative.fann_train(_ann, x, y);

    public void Forward(float* x, float* output)
    {
        float* g = FannNative.fann_run(_ann, x);
        for (int j = 0; j < _topology.OutputCount; j++)
        {
            output[j] = g[j];
        }
    }

    public float BatchStep() => FannNative.fann_train_epoch(_ann, _trainData);

    public void Dispose()
    {
        if (_trainData != 0)
        {
            FannNative.fann_destroy_train(_trainData);
            _trainData = 0;
        }

        if (_ann != 0)
        {
            FannNative.fann_destroy(_ann);
            _ann = 0;
        }
    }

    // FANN numbers neurons globally, layer by layer, each layer followed by its bias neuron; neuron j of layer l
    // is connected from every unit of layer l-1 and its bias neuron. Map each connection to NetGen's
    // W^l[j, k] = p[offset_l + j*in + k] or b^l[j] = p[offset_l + out*in + j], and check that it is a bijection.
    private static int[] BuildMap(nint ann, Topology topology)
    {
        int[] sizes = topology.Sizes;
        int total = (int)FannNative.fann_get_total_connections(ann);
        if (total != topology.ParameterCount)
        {
            throw new InvalidOperationException($"FANN has {total} connections, NetGen {topology.ParameterCount} parameters");
        }

        var connections = new FannConnection[total];
        fixed (FannConnection* c = connections)
        {
            FannNative.fann_get_connection_array(ann, c);
        }

        var firstNeuron = new int[sizes.Length];
        var parameterOffset = new int[sizes.Length];
        for (int l = 1; l < sizes.Length; l++)
        {
            firstNeuron[l] = firstNeuron[l - 1] + sizes[l - 1] + 1;
            parameterOffset[l] = l == 1 ? 0 : parameterOffset[l - 1] + sizes[l - 1] * sizes[l - 2] + sizes[l - 1];
        }

        var map = new int[total];
        var seen = new bool[total];
        for (int c = 0; c < total; c++)
        {
            int to = (int)connections[c].ToNeuron, from = (int)connections[c].FromNeuron;
            int l = Array.FindLastIndex(firstNeuron, f => f <= to);
            if (l < 1 || to - firstNeuron[l] >= sizes[l] || from < firstNeuron[l - 1] || from > firstNeuron[l - 1] + sizes[l - 1])
            {
                throw new InvalidOperationException($"unexpected FANN connection {from} -> {to}");
            }

            int j = to - firstNeuron[l];
            int k = from - firstNeuron[l - 1];   // k == fanIn: the bias neuron of layer l-1
            int fanIn = sizes[l - 1];

            int p = k == fanIn
                ? parameterOffset[l] + sizes[l] * fanIn + j
                : parameterOffset[l] + j * fanIn + k;
            if (seen[p])
            {
                throw new InvalidOperationException($"FANN connection {from} -> {to} maps to parameter {p} twice");
            }

            seen[p] = true;
            map[c] = p;
        }

        return map;
    }
}
