using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.IO;
using NetGen.Training;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>
/// Data as users hold it (jagged and rectangular arrays, a split, one-hot rows, standardisation kept in the weight
/// file), prediction as arrays, and training control (schedules, early stopping, a callback that stops, CSV history,
/// console progress).
/// </summary>
public class FirstDayApiTests
{
    /// <summary>Iris as a user reads it from CSV: raw features as float[][] and int[] labels.</summary>
    private static (float[][] X, int[] Y) RawIris()
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv"));
        var x = new List<float[]>();
        var y = new List<int>();
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            x.Add(cells.Take(4).Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            y.Add(int.Parse(cells[4], CultureInfo.InvariantCulture));
        }

        return (x.ToArray(), y.ToArray());
    }

    [Fact]
    public void Jagged_rows_and_int_labels_train_end_to_end_with_split_standardizer_and_prediction()
    {
        (float[][] x, int[] y) = RawIris();
        var (trainX, trainY, testX, testY) = Data.TrainTestSplit(x, y, 0.2, seed: 7);
        Assert.Equal(120, trainX.Length);
        Assert.Equal(30, testX.Length);

        Standardizer scaler = Standardizer.Fit(trainX);
        float[][] trainS = scaler.Transform(trainX);
        float[][] testS = scaler.Transform(testX);

        var net = new Iris32();
        var options = new TrainingOptions { Epochs = 60, BatchSize = 16, Seed = 3 };
        TrainingResult result = Trainer.Fit(new Adam<float>(net, 0.01), trainS, trainY, options);
        Assert.Equal(60, result.Epochs.Count);
        double accuracy = Evaluation.Accuracy(net, testS, testY);
        Assert.True(accuracy >= 0.9, $"test accuracy {accuracy}");

        int[] predicted = net.Predict(testS);
        Assert.Equal(testY.Length, predicted.Length);
        Assert.Equal(accuracy, predicted.Zip(testY).Count(p => p.First == p.Second) / (double)testY.Length, 12);
        float[] probabilities = net.Forward(testS[0]);
        Assert.Equal(3, probabilities.Length);
        Assert.Equal(1f, probabilities.Sum(), 5);
        Assert.Equal(predicted[0], net.Predict(testS[0]));

        // The standardizer travels in the weight file's metadata and comes back bit for bit.
        string file = Path.Combine(Path.GetTempPath(), "netgen-firstday-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            SafeTensors.Save(net, file, scaler.ToMetadata());
            var loaded = new Iris32();
            Standardizer restored = Standardizer.FromMetadata(SafeTensors.Load(loaded, file));
            Assert.Equal(scaler.Mean, restored.Mean);
            Assert.Equal(scaler.Scale, restored.Scale);
            Assert.Equal(predicted, loaded.Predict(restored.Transform(testX)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Rectangular_arrays_and_target_rows_train_like_the_flat_spans()
    {
        (float[][] x, int[] y) = RawIris();
        float[][] xs = Standardizer.Fit(x).Transform(x);
        var rect = new float[xs.Length, 4];
        for (int r = 0; r < xs.Length; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                rect[r, c] = xs[r][c];
            }
        }

        float[][] oneHot = Data.OneHot<float>(y, 3);
        Assert.Equal(new float[] { 0, 0, 1 }, oneHot[149]);
        var options = new TrainingOptions { Epochs = 3, BatchSize = 10, Seed = 1 };
        var a = new Iris32();
        var b = new Iris32();
        var c2 = new Iris32();
        Trainer.Fit(new Sgd<float>(a, 0.1), rect, y, options);
        Trainer.Fit(new Sgd<float>(b, 0.1), xs.SelectMany(r => r).ToArray().AsSpan(), y.AsSpan(), options);
        Trainer.Fit(new Sgd<float>(c2, 0.1), xs, oneHot, options);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters), "float[,] differs from the flat span");
        Assert.True(a.Parameters.SequenceEqual(c2.Parameters), "one-hot target rows differ from int labels");
    }

    [Fact]
    public void Bad_rows_get_clear_errors_that_name_the_row()
    {
        (float[][] x, int[] y) = RawIris();
        var net = new Iris32();
        var sgd = new Sgd<float>(net, 0.1);
        float[] before = net.Parameters.ToArray();

        float[][] ragged = x.Select(r => r.ToArray()).ToArray();
        ragged[17] = new float[] { 1, 2, 3 };
        ArgumentException e = Assert.Throws<ArgumentException>(() => Trainer.Fit(sgd, ragged, y));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("row 17 has 3 values", e.Message, StringComparison.Ordinal);

        float[][] withNaN = x.Select(r => r.ToArray()).ToArray();
        withNaN[42][2] = float.NaN;
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(sgd, withNaN, y));
        Assert.Contains("row 42, column 2 is NaN", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(sgd, Array.Empty<float[]>(), Array.Empty<int>()));
        Assert.Contains("has no rows", e.Message, StringComparison.Ordinal);

        float[][] nullRow = x.Select(r => r.ToArray()).ToArray();
        nullRow[3] = null!;
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(sgd, nullRow, y));
        Assert.Contains("row 3 is null", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => Evaluation.Accuracy(net, ragged, y));
        Assert.Contains("row 17", e.Message, StringComparison.Ordinal);
        Assert.True(before.AsSpan().SequenceEqual(net.Parameters), "parameters changed");
    }

    [Fact]
    public void Labels_passed_as_target_values_get_a_hint_to_pass_int_labels()
    {
        (float[][] x, int[] y) = RawIris();
        var net = new Iris32();
        float[] flatX = x.SelectMany(r => r).ToArray();
        float[] labelsAsFloats = y.Select(v => (float)v).ToArray();
        ArgumentException e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Sgd<float>(net, 0.1), flatX.AsSpan(), labelsAsFloats.AsSpan()));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("look like class labels", e.Message, StringComparison.Ordinal);
        Assert.Contains("pass the labels as int[]", e.Message, StringComparison.Ordinal);

        float[][] labelRows = y.Select(v => new[] { (float)v }).ToArray();
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Sgd<float>(net, 0.1), x, labelRows));
        Assert.Contains("look like class labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedules_follow_their_formulas_and_the_trainer_applies_them_per_epoch()
    {
        LearningRateSchedule step = LearningRateSchedule.Step(stepEpochs: 10, gamma: 0.5);
        Assert.Equal(0.1, step.RateAt(1, 0.1));
        Assert.Equal(0.1, step.RateAt(10, 0.1));
        Assert.Equal(0.05, step.RateAt(11, 0.1), 15);
        Assert.Equal(0.025, step.RateAt(21, 0.1), 15);

        LearningRateSchedule cosine = LearningRateSchedule.Cosine(epochs: 10, minRate: 0.001);
        Assert.Equal(0.1, cosine.RateAt(1, 0.1), 15);
        Assert.Equal(0.001 + (0.099 * (1 + Math.Cos(Math.PI * 5 / 10)) / 2), cosine.RateAt(6, 0.1), 15);
        Assert.Equal(0.001, cosine.RateAt(11, 0.1), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(5, double.NaN));

        var net = new Iris32();
        var adam = new Adam<float>(net, 0.02);
        TrainingResult result = Trainer.Fit(adam, Iris.Features32.AsSpan(), Iris.Labels.AsSpan(), new TrainingOptions { Epochs = 4, Schedule = LearningRateSchedule.Step(2, 0.5) });
        Assert.Equal(new[] { 0.02, 0.02, 0.01, 0.01 }, result.Epochs.Select(r => r.LearningRate));
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_epochs_parameters()
    {
        // A rate so high the validation loss soon stops improving; keep every epoch's parameters to compare.
        var net = new Iris32();
        var snapshots = new Dictionary<int, float[]>();
        var options = new TrainingOptions
        {
            Epochs = 200,
            BatchSize = 8,
            Seed = 5,
            ValidationFraction = 0.3,
            EarlyStopping = new EarlyStopping { Patience = 3 },
            OnEpoch = r =>
            {
                snapshots[r.Epoch] = net.Parameters.ToArray();
                return true;
            },
        };
        TrainingResult result = Trainer.Fit(new Sgd<float>(net, 0.5), Iris.Features32.AsSpan(), Iris.Labels.AsSpan(), options);
        Assert.True(result.StoppedEarly, "did not stop early in 200 epochs");
        int best = result.BestEpoch!.Value;
        Assert.Equal(best + 3, result.Epochs.Count);
        double bestLoss = result.Epochs[best - 1].ValidationLoss!.Value;
        Assert.All(result.Epochs.Skip(best), r => Assert.True(r.ValidationLoss >= bestLoss));
        Assert.True(snapshots[best].AsSpan().SequenceEqual(net.Parameters), "the best epoch's parameters were not restored");
    }

    [Fact]
    public void The_epoch_callback_stops_cleanly_and_the_history_exports_as_CSV()
    {
        var net = new Iris32();
        var options = new TrainingOptions { Epochs = 50, ValidationFraction = 0.2, Seed = 2, OnEpoch = r => r.Epoch < 4 };
        TrainingResult result = Trainer.Fit(new Adam<float>(net, 0.01), Iris.Features32.AsSpan(), Iris.Labels.AsSpan(), options);
        Assert.Equal(4, result.Epochs.Count);
        Assert.True(result.StoppedEarly);
        Assert.Null(result.BestEpoch);

        string[] lines = result.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch,learning_rate,loss,accuracy,validation_loss,validation_accuracy,elapsed_s", lines[0]);
        Assert.Equal(5, lines.Length);
        string[] cells = lines[2].Split(',');
        Assert.Equal("2", cells[0]);
        Assert.Equal(0.01, double.Parse(cells[1], CultureInfo.InvariantCulture), 7);
        Assert.Equal(result.Epochs[1].TrainingLoss, double.Parse(cells[2], CultureInfo.InvariantCulture));
        Assert.Equal(result.Epochs[1].ValidationAccuracy, double.Parse(cells[5], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Console_progress_redraws_a_bar_in_a_terminal_and_prints_clean_epoch_lines_to_a_log()
    {
        var terminal = new StringWriter();
        var net = new Iris32();
        var live = new ConsoleProgress(terminal, interactive: true) { RedrawInterval = TimeSpan.Zero };
        Trainer.Fit(new Adam<float>(net, 0.01), Iris.Features32.AsSpan(), Iris.Labels.AsSpan(), new TrainingOptions { Epochs = 2, BatchSize = 50 }, live);
        string text = terminal.ToString();
        Assert.Contains("\repoch 1/2 [########", text, StringComparison.Ordinal);
        Assert.Contains("rows/s", text, StringComparison.Ordinal);
        Assert.Contains("ETA ", text, StringComparison.Ordinal);
        Assert.Contains("] 100%", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.Contains("epoch 2/2: loss", StringComparison.Ordinal) || l.Contains("epoch 1/2: loss", StringComparison.Ordinal)));

        var log = new StringWriter();
        Trainer.Fit(new Adam<float>(new Iris32(), 0.01), Iris.Features32.AsSpan(), Iris.Labels.AsSpan(), new TrainingOptions { Epochs = 3 }, new ConsoleProgress(log, interactive: false));
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\r', log.ToString());
        Assert.StartsWith("epoch 1/3: loss", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch 3/3: loss", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Standardizer_and_data_helpers_reject_bad_input_with_clear_errors()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(Array.Empty<float[]>()));
        Assert.Contains("no rows", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(new[] { new[] { 1f, 2f }, new[] { 3f } }));
        Assert.Contains("row 1 has 1 values", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Standardizer.Fit(new[] { new[] { 1f, 2f }, new[] { float.NaN, 1f } }));
        Assert.Contains("row 1, column 0 is NaN", e.Message, StringComparison.Ordinal);

        Standardizer scaler = Standardizer.Fit(new[] { new[] { 1.0, 5.0 }, new[] { 3.0, 5.0 } });
        Assert.Equal(new[] { 2.0, 5.0 }, scaler.Mean);
        Assert.Equal(new[] { 1.0, 1.0 }, scaler.Scale);   // the constant feature keeps scale 1
        Assert.Equal(new[] { -1.0, 0.0 }, scaler.Transform(new[] { new[] { 1.0, 5.0 } })[0]);
        e = Assert.Throws<ArgumentException>(() => scaler.Transform(new[] { new[] { 1.0, 2.0, 3.0 } }));
        Assert.Contains("row 0 has 3 values", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Standardizer.FromMetadata(new Dictionary<string, string>()));
        Assert.Contains(Standardizer.MeanKey, e.Message, StringComparison.Ordinal);
        var bad = scaler.ToMetadata();
        bad[Standardizer.ScaleKey] = "1,abc";
        e = Assert.Throws<ArgumentException>(() => Standardizer.FromMetadata(bad));
        Assert.Contains("'abc' at position 1", e.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => Data.TrainTestSplit(new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, 1.0, 1));
        e = Assert.Throws<ArgumentException>(() => Data.TrainTestSplit(new[] { 1, 2, 3 }, new[] { 1, 2 }, 0.5, 1));
        Assert.Equal("targets", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Data.TrainTestSplit(new[] { 1, 2 }, new[] { 1, 2 }, 0.2, 1));
        Assert.Contains("leaves 0 test", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Data.OneHot<float>(new[] { 0, 3 }, 3));
        Assert.Contains("row 1 is 3", e.Message, StringComparison.Ordinal);

        // Same seed, same split; another seed, another split.
        int[] rows = Enumerable.Range(0, 50).ToArray();
        Assert.Equal(Data.TrainTestSplit(rows, rows, 0.3, 9).TestInputs, Data.TrainTestSplit(rows, rows, 0.3, 9).TestInputs);
        Assert.NotEqual(Data.TrainTestSplit(rows, rows, 0.3, 9).TestInputs, Data.TrainTestSplit(rows, rows, 0.3, 10).TestInputs);
    }

    [Fact]
    public void Vectorised_Adam_gives_the_scalar_formulas_bits_in_float()
    {
        // 4-8-3: weight runs of 32 and 24 (whole vectors plus a tail), bias runs of 8 and 3. The expected values are the
        // update written out element by element in float, in PyTorch's order, as Adam's scalar loop computes it.
        var net = new Iris32();
        var adam = new Adam<float>(net, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, l2: 0.1);
        float[] p = net.Parameters.ToArray();
        var m1 = new float[p.Length];
        var m2 = new float[p.Length];
        bool[] isWeight = Enumerable.Range(0, p.Length).Select(i => i < 32 || (i >= 40 && i < 64)).ToArray();
        var random = new Random(4);
        for (int t = 1; t <= 5; t++)
        {
            float[] g = Enumerable.Range(0, p.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            g.CopyTo(net.Gradients);
            adam.Step(4);

            double stepSize = 0.01 / (1 - Math.Pow(0.9, t));
            float step = (float)stepSize;
            float root2 = (float)Math.Sqrt(1 - Math.Pow(0.999, t));
            float invM = 1f / 4;
            float decay = (float)0.1 * invM;
            for (int i = 0; i < p.Length; i++)
            {
                float grad = isWeight[i] ? g[i] * invM + decay * p[i] : g[i] * invM;
                m1[i] = (float)0.9 * m1[i] + (float)(1 - 0.9) * grad;
                m2[i] = (float)0.999 * m2[i] + (float)(1 - 0.999) * (grad * grad);
                p[i] -= step * (m1[i] / ((float)Math.Sqrt(m2[i]) / root2 + (float)1e-8));
            }

            Assert.True(p.AsSpan().SequenceEqual(net.Parameters), $"parameters differ from the scalar formula after step {t}");
            Assert.True(m1.AsSpan().SequenceEqual(adam.FirstMoment), $"first moment differs after step {t}");
        }
    }
}
