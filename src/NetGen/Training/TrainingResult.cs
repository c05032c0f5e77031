using System;
using System.Collections.Generic;

namespace NetGen.Training
{
    /// <summary>What <see cref="Trainer"/> returns when every epoch has run.</summary>
    public sealed class TrainingResult
    {
        internal TrainingResult(IReadOnlyList<EpochReport> epochs, IReadOnlyList<int> trainingRows, IReadOnlyList<int> validationRows, TimeSpan elapsed)
        {
            Epochs = epochs;
            TrainingRows = trainingRows;
            ValidationRows = validationRows;
            Elapsed = elapsed;
        }

        /// <summary>One report per epoch, in order (the same objects passed to the progress callback).</summary>
        public IReadOnlyList<EpochReport> Epochs { get; }

        /// <summary>The report of the last epoch.</summary>
        public EpochReport Final => Epochs[Epochs.Count - 1];

        /// <summary>The indices of the rows trained on, ascending.</summary>
        public IReadOnlyList<int> TrainingRows { get; }

        /// <summary>The indices of the rows held out for validation, ascending (empty without a validation split).</summary>
        public IReadOnlyList<int> ValidationRows { get; }

        /// <summary>The total training time.</summary>
        public TimeSpan Elapsed { get; }
    }
}
