using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace NetGen.Training;

/// <summary>
/// Training progress for a terminal, with no dependencies: in a terminal, one line redrawn in place at most every
/// <see cref="RedrawInterval"/> with a bar, the epoch, rows/s, the time left and the running loss, then one line per
/// finished epoch; when output is redirected (a log, CI), only the per-epoch lines, so the log stays clean. Reports
/// arrive synchronously on the training thread, in order (unlike <c>System.Progress&lt;T&gt;</c>, which posts them to
/// the thread pool and can print epochs out of order).
/// </summary>
/// <example><code>Trainer.Fit(optimizer, inputs, labels, options, new ConsoleProgress());</code></example>
public sealed class ConsoleProgress : IProgress<EpochReport>, IBatchProgress
{
    private const int BarWidth = 24;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _lastLength;

    /// <summary>Writes to the console; redraws in place unless standard output is redirected.</summary>
    public ConsoleProgress()
        : this(Console.Out, !Console.IsOutputRedirected)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where the lines go.</param>
    /// <param name="interactive">Whether to redraw a live line within epochs (a terminal) or print only per-epoch lines (a log).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public ConsoleProgress(TextWriter writer, bool interactive)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _interactive = interactive;
    }

    /// <summary>The least time between two redraws of the live line (default 100 ms).</summary>
    public TimeSpan RedrawInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Redraws the live line (in interactive mode, at most every <see cref="RedrawInterval"/>).</summary>
    /// <param name="report">Where training stands.</param>
    public void ReportBatch(BatchReport report)
    {
        if (!_interactive || (_sinceDraw.Elapsed < RedrawInterval && report.RowsDone < report.RowCount))
        {
            return;
        }

        _sinceDraw.Restart();
        long rowsSoFar = ((long)(report.Epoch - 1) * report.RowCount) + report.RowsDone;
        double fraction = (double)report.RowsDone / report.RowCount;
        int filled = (int)Math.Round(fraction * BarWidth);
        var line = new StringBuilder();
        line.Append(DataCheck.Invariant("epoch {0}/{1} [", report.Epoch, report.EpochCount))
            .Append('#', filled).Append('.', BarWidth - filled)
            .Append(DataCheck.Invariant("] {0,3:0}%", fraction * 100))
            .Append(Rate(rowsSoFar, report.Elapsed))
            .Append(Eta(report, rowsSoFar))
            .Append("  loss ").Append(Evaluation.Format(report.MeanLoss));
        Draw(line.ToString());
    }

    /// <summary>Prints the finished epoch's line (its <see cref="EpochReport.ToString"/>).</summary>
    /// <param name="value">The epoch's report.</param>
    public void Report(EpochReport value)
    {
        if (value is null)
        {
            return;
        }

        string line = value.ToString();
        if (_interactive)
        {
            Draw(line);
            _writer.WriteLine();
            _lastLength = 0;
        }
        else
        {
            _writer.WriteLine(line);
        }

        _writer.Flush();
    }

    private static string Rate(long rows, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? DataCheck.Invariant("  {0:#,0} rows/s", rows / elapsed.TotalSeconds) : string.Empty;

    private static string Eta(BatchReport report, long rowsSoFar)
    {
        long total = (long)report.RowCount * report.EpochCount;
        if (rowsSoFar <= 0 || report.Elapsed.TotalSeconds <= 0)
        {
            return string.Empty;
        }

        double left = report.Elapsed.TotalSeconds * (total - rowsSoFar) / rowsSoFar;
        var eta = TimeSpan.FromSeconds(Math.Max(0, Math.Round(left)));
        return "  ETA " + (eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : eta.ToString(@"m\:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Draw(string line)
    {
        _writer.Write('\r');
        _writer.Write(line);
        if (line.Length < _lastLength)
        {
            _writer.Write(new string(' ', _lastLength - line.Length));
        }

        _lastLength = line.Length;
        _writer.Flush();
    }
}
