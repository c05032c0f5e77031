using System;
using System.Threading;

namespace NetGen
{
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
        /// <param name="createCopy">Creates another instance of the same network type (e.g. <c>() =&gt; new Digits()</c>); called once per extra worker.</param>
        /// <param name="workers">Threads in all, the caller's included; default <see cref="Environment.ProcessorCount"/>.</param>
        public ParallelBatch(IBatchNetwork<T> network, Func<IBatchNetwork<T>> createCopy, int workers = 0)
        {
            _network = network ?? throw new ArgumentNullException(nameof(network));
            if (createCopy is null)
            {
                throw new ArgumentNullException(nameof(createCopy));
            }

            if (workers <= 0)
            {
                workers = Environment.ProcessorCount;
            }

            _workers = new Worker[workers - 1];
            for (int w = 0; w < _workers.Length; w++)
            {
                IBatchNetwork<T> copy = createCopy();
                if (copy is null || ReferenceEquals(copy, network) || copy.ParameterCount != network.ParameterCount
                    || copy.InputCount != network.InputCount || copy.OutputCount != network.OutputCount)
                {
                    throw new ArgumentException("createCopy must return a new instance of the same network type.", nameof(createCopy));
                }

                _workers[w] = new Worker(copy, "NetGen batch worker " + (w + 1));
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
            Guard.Length(targets.Length, m * outputCount, nameof(targets));

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
            double loss = Scalar<T>.ToDouble(_network.BackwardBatch(inputs.Span.Slice(s0 * inputCount, c0 * inputCount), targets.Span.Slice(s0 * outputCount, c0 * outputCount)));

            // Deterministic reduction: worker 1, then 2, ... into the network's gradients.
            Span<T> gradients = _network.Gradients;
            for (int w = 0; w < active; w++)
            {
                Worker worker = _workers[w];
                worker.Wait();
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

            public void Wait()
            {
                _done.Wait();
                if (_error is not null)
                {
                    throw new InvalidOperationException("A batch worker failed: " + _error.Message, _error);
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
}
