using System;
using System.Text;

namespace NetGen.Training;

/// <summary>What <see cref="Trainer"/> reports after each epoch.</summary>
public sealed class EpochReport
{
    internal EpochReport(int epoch, int epochCount, double trainingLoss, double? trainingAccuracy, double? validationLoss, double? validationAccuracy, TimeSpan elapsed, double learningRate = double.NaN)
    {
        LearningRate = learningRate;
        Epoch = epoch;
        EpochCount = epochCount;
        TrainingLoss = trainingLoss;
        TrainingAccuracy = trainingAccuracy;
        ValidationLoss = validationLoss;
        ValidationAccuracy = validationAccuracy;
        Elapsed = elapsed;
    }

    /// <summary>The epoch just finished, 1 for the first.</summary>
    public int Epoch { get; }

    /// <summary>The number of epochs the training runs for (<see cref="TrainingOptions.Epochs"/>).</summary>
    public int EpochCount { get; }

    /// <summary>
    /// The mean loss E (without regularisation) of this epoch's training examples, as the batch's backward pass returned
    /// it, i.e. with the parameters of the moment before its batch's step.
    /// </summary>
    public double TrainingLoss { get; }

    /// <summary>
    /// The accuracy on the training rows with the parameters at the end of the epoch, when the labels overload
    /// (classification) is used; otherwise null.
    /// </summary>
    public double? TrainingAccuracy { get; }

    /// <summary>The mean loss on the validation rows at the end of the epoch, or null without a validation split.</summary>
    public double? ValidationLoss { get; }

    /// <summary>The accuracy on the validation rows at the end of the epoch, for classification with a validation split; otherwise null.</summary>
    public double? ValidationAccuracy { get; }

    /// <summary>Time since training started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The learning rate the optimizer used in this epoch (NaN when the report was not made by the trainer).</summary>
    public double LearningRate { get; }

    /// <summary>For example <c>epoch 3/50: loss 0.1234, accuracy 0.95; validation loss 0.2, accuracy 0.9333; 0.052 s</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(DataCheck.Invariant("epoch {0}/{1}: loss {2}", Epoch, EpochCount, Evaluation.Format(TrainingLoss)));
        if (TrainingAccuracy is double accuracy)
        {
            text.Append(", accuracy ").Append(Evaluation.Format(accuracy));
        }

        if (ValidationLoss is double validationLoss)
        {
            text.Append("; validation loss ").Append(Evaluation.Format(validationLoss));
            if (ValidationAccuracy is double validationAccuracy)
            {
                text.Append(", accuracy ").Append(Evaluation.Format(validationAccuracy));
            }
        }

        text.Append(DataCheck.Invariant("; {0:0.000} s", Elapsed.TotalSeconds));
        return text.ToString();
    }
}
