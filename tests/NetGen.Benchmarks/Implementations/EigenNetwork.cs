using System;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Implementations;

/// <summary>
/// The fixed-size Eigen network of native/eigen_nets.cpp for one topology. Its extern "C" entry points
/// (nb_eigen_&lt;op&gt;_&lt;name&gt;) are looked up once and called through unmanaged function pointers: the same
/// inlined P/Invoke transition as a blittable [LibraryImport] (the Interop rows of the report measure both),
/// without one declaration per topology and operation.
/// </summary>
internal sealed unsafe class EigenNetwork : IDisposable
{
    private readonly delegate* unmanaged<nint, void> _destroy;
    private readonly delegate* unmanaged<nint, float*, void> _setParameters;
    private readonly delegate* unmanaged<nint, float*, void> _getParameters;
    private readonly delegate* unmanaged<nint, float*, float*, void> _forward;
    private readonly delegate* unmanaged<nint, float*, float*, float, float> _trainStep;
    private readonly delegate* unmanaged<nint, float*, float*, float, float> _batchStep;
    private readonly int _parameterCount;
    private nint _handle;

    public EigenNetwork(Topology topology)
    {
        nint lib = NativeLibraries.ShimHandle;
        string n = topology.NativeName;
        nint Export(string op) => NativeLibrary.GetExport(lib, $"nb_eigen_{op}_{n}");

        var create = (delegate* unmanaged<nint>)Export("create");
        var parameterCount = (delegate* unmanaged<int>)Export("parameter_count");
        var batchSize = (delegate* unmanaged<int>)Export("batch_size");
        _destroy = (delegate* unmanaged<nint, void>)Export("destroy");
        _setParameters = (delegate* unmanaged<nint, float*, void>)Export("set_parameters");
        _getParameters = (delegate* unmanaged<nint, float*, void>)Export("get_parameters");
        _forward = (delegate* unmanaged<nint, float*, float*, void>)Export("forward");
        _trainStep = (delegate* unmanaged<nint, float*, float*, float, float>)Export("train_step");
        _batchStep = (delegate* unmanaged<nint, float*, float*, float, float>)Export("batch_step");

        _parameterCount = parameterCount();
        if (_parameterCount != topology.ParameterCount || batchSize() != topology.BatchSize)
        {
            throw new InvalidOperationException(
                $"eigen_nets.cpp's {n} has {_parameterCount} parameters and batch {batchSize()}; " +
                $"Topology.cs says {topology.ParameterCount} and {topology.BatchSize}");
        }

        _handle = create();
    }

    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        Check(parameters.Length);
        fixed (float* p = parameters)
        {
            _setParameters(_handle, p);
        }
    }

    public void GetParameters(Span<float> parameters)
    {
        Check(parameters.Length);
        fixed (float* p = parameters)
        {
            _getParameters(_handle, p);
        }
    }

    public float TrainStep(float* x, float* y, float learningRate) => _trainStep(_handle, x, y, learningRate);

    public void Forward(float* x, float* output) => _forward(_handle, x, output);

    /// <summary>One gradient step over the topology's batch (x: BatchSize examples, example-major).</summary>
    public float BatchStep(float* x, float* y, float learningRate) => _batchStep(_handle, x, y, learningRate);

    public void Dispose()
    {
        if (_handle != 0)
        {
            _destroy(_handle);
            _handle = 0;
        }
    }

    private void Check(int length)
    {
        if (length != _parameterCount)
        {
            throw new ArgumentException($"expected {_parameterCount} parameters, got {length}");
        }
    }
}
