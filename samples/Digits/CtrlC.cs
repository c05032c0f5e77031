using System;
using System.Threading;

namespace DigitsSample;

/// <summary>
/// Ctrl+C stops training cleanly: the first press cancels the token Trainer.Fit checks before every batch (the
/// network keeps the parameters of its last step, so the program can still test or save it); a second press ends the
/// program as usual.
/// </summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CtrlC() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Runs <paramref name="train"/> with the token; null when Ctrl+C stopped it.</summary>
    public T? Run<T>(Func<CancellationToken, T> train)
        where T : class
    {
        try
        {
            return train(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Console.WriteLine();
            Console.WriteLine("stopped by Ctrl+C; carrying on with the network as it is");
            return null;
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_stop.IsCancellationRequested)
        {
            e.Cancel = true;
            _stop.Cancel();
        }
    }
}
