using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using NetGen.__Internals;

namespace NetGen;

/// <summary>
/// Splits a mini-batch across cores: the calling thread backpropagates the first rows on the network itself, each
/// of the other workers backpropagates its own contiguous rows on a private copy of the network (its own gradient
/// buffer and workspace), and the workers' gradients are added into the network's <see cref="INetwork{T}.Gradients"/>
/// in a fixed order. The result is deterministic (the same bits whatever the threads' timing) and equals
/// <see cref="IBatchNetwork{T}.BackwardBatch"/> on the whole batch to rounding (the sums are grouped differently).
/// Worker threads are created once; a call allocates nothing.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ParallelBatch<T> : IDisposable
    where T : unmanaged
{
    private readonly IBatchNetwork<T> _network;
    private readonly Worker[] _workers;
    private bool _disposed;

    /// <summary>Creates the workers.</summary>
    /// <param name="network">The network whose gradients receive the batch's sums.</param>
    /// <param name="createCopy">
    /// Creates another instance of the same network type (e.g. <c>() =&gt; new Digits()</c>); called once per extra worker.
    /// Each instance must be new, of exactly the network's type, with parameter and gradient arrays of its own.
    /// </param>
    /// <param name="workers">
    /// Threads in all, the caller's included: 1 to <see cref="Environment.ProcessorCount"/>; 0 (the default) means
    /// <see cref="Environment.ProcessorCount"/>. More threads than processors would only take turns on them, each
    /// with a network copy and a gradient buffer to reduce.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="createCopy"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is negative or more than the processor count.</exception>
    /// <exception cref="ArgumentException"><paramref name="createCopy"/> returned null, the network itself, an instance already returned, an instance of another type, or one that shares parameter or gradient memory with another.</exception>
    public ParallelBatch(IBatchNetwork<T> network, Func<IBatchNetwork<T>> createCopy, int workers = 0)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        if (createCopy is null)
        {
            throw new ArgumentNullException(nameof(createCopy));
        }

        if (workers < 0 || workers > Environment.ProcessorCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(workers),
                workers,
                "'workers' must be 0 (one per processor) or 1 to Environment.ProcessorCount = " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + ".");
        }

        if (workers == 0)
        {
            workers = Environment.ProcessorCount;
        }

        _workers = new Worker[workers - 1];
        var instances = new IBatchNetwork<T>[workers];
        instances[0] = network;
        try
        {
            for (int w = 0; w < _workers.Length; w++)
            {
                IBatchNetwork<T> copy = createCopy();
                CheckCopy(copy, instances, w + 1);
                instances[w + 1] = copy;
                _workers[w] = new Worker(copy, "NetGen batch worker " + (w + 1));
            }
        }
        catch
        {
            foreach (Worker? worker in _workers)
            {
                worker?.Stop();
            }

            throw;
        }
    }

    /// <summary>A worker's network must be a distinct instance of the network's own type with memory of its own.</summary>
    internal static void CheckCopy(IBatchNetwork<T>? copy, IBatchNetwork<T>[] instances, int count)
    {
        IBatchNetwork<T> network = instances[0];
        string? problem = null;
        if (copy is null)
        {
            problem = "returned null";
        }
        else if (copy.GetType() != network.GetType())
        {
            problem = "returned an instance of " + copy.GetType().FullName + ", not of the network's type " + network.GetType().FullName;
        }
        else
        {
            for (int i = 0; i < count && problem is null; i++)
            {
                if (ReferenceEquals(copy, instances[i]))
                {
                    problem = i == 0 ? "returned the network itself" : "returned the same instance twice";
                }
                else if (copy.Parameters.Overlaps(instances[i].Parameters) || copy.Gradients.Overlaps(instances[i].Gradients))
                {
                    problem = "returned an instance that shares its parameter or gradient arrays with " + (i == 0 ? "the network" : "another worker's") + " (a copied struct network does)";
                }
            }
        }

        if (problem is not null)
        {
            throw new ArgumentException(
                "createCopy " + problem + "; it must return a new instance of the same network type each time (e.g. () => new MyNetwork()).",
                "createCopy");
        }
    }

    /// <summary>Threads in all, the caller's included.</summary>
    public int WorkerCount => _workers.Length + 1;

    /// <summary>
    /// Adds Σ_i ∂E_i/∂θ over the batch into the network's gradients, rows split across the workers; returns Σ_i E_i.
    /// </summary>
    /// <param name="inputs">[m, InputCount] row-major.</param>
    /// <param name="targets">[m, OutputCount] row-major.</param>
    public T BackwardBatch(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets)
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(ParallelBatch<T>));
        }

        int inputCount = _network.InputCount;
        int outputCount = _network.OutputCount;
        int m = Guard.Rows(inputs.Length, inputCount, nameof(inputs));
        Guard.Length(targets.Length, m, outputCount, nameof(targets));

        // Checked here for the whole batch, so that a bad row fails before any worker (or the caller) adds anything.
        if (typeof(T) == typeof(float))
        {
            Guard.Finite(MemoryMarshal.Cast<T, float>(inputs.Span), inputCount, nameof(inputs));
            Guard.Finite(MemoryMarshal.Cast<T, float>(targets.Span), outputCount, nameof(targets));
        }
        else
        {
            Guard.Finite(MemoryMarshal.Cast<T, double>(inputs.Span), inputCount, nameof(inputs));
            Guard.Finite(MemoryMarshal.Cast<T, double>(targets.Span), outputCount, nameof(targets));
        }

        // Contiguous chunks: the caller takes chunk 0, worker w chunk w + 1. Small batches use fewer threads.
        int parts = Math.Min(WorkerCount, m);
        int active = parts - 1;
        for (int w = 0; w < active; w++)
        {
            (int start, int count) = Chunk(m, parts, w + 1);
            Worker worker = _workers[w];
            _network.Parameters.CopyTo(worker.Network.Parameters);
            worker.Network.ZeroGradients();
            worker.Start(inputs.Slice(start * inputCount, count * inputCount), targets.Slice(start * outputCount, count * outputCount));
        }

        (int s0, int c0) = Chunk(m, parts, 0);
        double loss;
        try
        {
            loss = Scalar<T>.ToDouble(_network.BackwardBatch(inputs.Span.Slice(s0 * inputCount, c0 * inputCount), targets.Span.Slice(s0 * outputCount, c0 * outputCount)));
        }
        finally
        {
            // Every worker is done before this call returns or throws, so none still reads the caller's batch.
            for (int w = 0; w < active; w++)
            {
                _workers[w].Join();
            }
        }

        for (int w = 0; w < active; w++)
        {
            _workers[w].ThrowIfFailed();
        }

        // Deterministic reduction: worker 1, then 2, ... into the network's gradients.
        Span<T> gradients = _network.Gradients;
        for (int w = 0; w < active; w++)
        {
            Worker worker = _workers[w];
            Kernels.AccumulateRows<T>(gradients, 1, gradients.Length, Ones, 0, 0, worker.Network.Gradients, 1, Scalar<T>.One);
            loss += Scalar<T>.ToDouble(worker.Loss);
        }

        return Scalar<T>.FromDouble(loss);
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (Worker worker in _workers)
            {
                worker.Stop();
            }
        }
    }

    private static readonly T[] Ones = { Scalar<T>.One };

    private static (int Start, int Count) Chunk(int m, int parts, int index)
    {
        int size = m / parts;
        int extra = m % parts;
        int start = (index * size) + Math.Min(index, extra);
        return (start, size + (index < extra ? 1 : 0));
    }

    /// <summary>A background thread with its own copy of the network, woken per batch.</summary>
    private sealed class Worker
    {
        private readonly ManualResetEventSlim _start = new(false);
        private readonly ManualResetEventSlim _done = new(false);
        private readonly Thread _thread;
        private ReadOnlyMemory<T> _inputs;
        private ReadOnlyMemory<T> _targets;
        private Exception? _error;
        private volatile bool _stopping;

        public Worker(IBatchNetwork<T> network, string name)
        {
            Network = network;
            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public IBatchNetwork<T> Network { get; }

        public T Loss { get; private set; }

        public void Start(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets)
        {
            _inputs = inputs;
            _targets = targets;
            _error = null;
            _done.Reset();
            _start.Set();
        }

        public void Join() => _done.Wait();

        public void ThrowIfFailed()
        {
            if (_error is not null)
            {
                throw new InvalidOperationException(
                    "A batch worker failed: " + _error.Message + " The network's Gradients hold the sums of the caller's rows; call ZeroGradients() to discard them.",
                    _error);
            }
        }

        public void Stop()
        {
            _stopping = true;
            _start.Set();
            _thread.Join();
            _start.Dispose();
            _done.Dispose();
        }

        private void Run()
        {
            while (true)
            {
                _start.Wait();
                _start.Reset();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    Loss = Network.BackwardBatch(_inputs.Span, _targets.Span);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
                {
                    _error = e;
                }

                _done.Set();
            }
        }
    }
}
