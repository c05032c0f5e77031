using System.Collections.Generic;

namespace BrowserDigits;

/// <summary>One line of a <see cref="LineChart"/>.</summary>
/// <param name="Name">The legend's label.</param>
/// <param name="Color">A CSS colour.</param>
/// <param name="Values">One value per epoch, the first for epoch 1.</param>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
