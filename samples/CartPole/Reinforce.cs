using System;
using System.Collections.Generic;
using NetGen;
using NetGen.Training;

namespace CartPole;

/// <summary>
/// The policy pi(a | s): the 4 state variables in, 32 tanh units, 2 softmax outputs (push left, push right), in double.
/// </summary>
[Network(4, 32, 2, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy, Precision = Precision.Double)]
public partial class PolicyNetwork
{
}

/// <summary>The hyper-parameters of <see cref="Reinforce"/>; the defaults solve CartPole-v1 for the default seed.</summary>
public sealed record ReinforceOptions
{
    /// <summary>The seed of everything: the network's initial weights, the initial states and the sampled actions.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The episodes played with the same policy before one update (the batch of the gradient estimate).</summary>
    public int EpisodesPerUpdate { get; init; } = 4;

    /// <summary>gamma, the discount of the returns G_t = sum_k gamma^k r_(t+k).</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>The learning rate of Adam.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The episodes after which training gives up.</summary>
    public int MaxEpisodes { get; init; } = 3000;

    /// <summary>The Gym definition of solved: this average return ...</summary>
    public double SolvedReturn { get; init; } = 475;

    /// <summary>... over this many consecutive episodes.</summary>
    public int SolvedWindow { get; init; } = 100;
}

/// <summary>One finished episode, as reported to the progress callback.</summary>
/// <param name="Episode">The episode number, from 1.</param>
/// <param name="Return">Its return (its length in steps).</param>
/// <param name="MovingAverage">The average return of the last <see cref="ReinforceOptions.SolvedWindow"/> episodes (fewer at the start).</param>
/// <param name="TotalSteps">The environment steps taken so far, this episode's included.</param>
public readonly record struct EpisodeReport(int Episode, double Return, double MovingAverage, long TotalSteps);

/// <summary>What a training run did.</summary>
/// <param name="Solved">True when the average return of <see cref="ReinforceOptions.SolvedWindow"/> consecutive episodes reached <see cref="ReinforceOptions.SolvedReturn"/>.</param>
/// <param name="Episodes">The episodes played (the last one is the one that solved, when solved).</param>
/// <param name="TotalSteps">The environment steps taken over all episodes.</param>
/// <param name="Updates">The policy updates made.</param>
/// <param name="Returns">The return of every episode, in order.</param>
public sealed record ReinforceResult(bool Solved, int Episodes, long TotalSteps, int Updates, IReadOnlyList<double> Returns);

/// <summary>
/// REINFORCE (Williams 1992) with a baseline, on a <see cref="PolicyNetwork"/>, trained through the output-gradient API
/// (<see cref="IGradientNetwork{T}.BackwardFromOutputGradient"/>) and <see cref="Adam{T}"/>.
/// </summary>
/// <remarks>
/// <para>
/// Per update, N episodes are played with the current stochastic policy g = pi(. | s). For every step t of every
/// episode the discounted return G_t = r_t + gamma G_(t+1) is computed, then the advantage
/// A_t = (G_t - mean G) / (std G + 1e-8) over all steps of the N episodes: the batch mean is the baseline (it lowers
/// the variance of the estimate without biasing it) and the division by std keeps the step size independent of how
/// long the episodes are.
/// </para>
/// <para>
/// The per-step loss is E_t = -A_t ln pi(a_t | s_t). Its gradient at the network's output g is
/// dE_t/dg_j = -A_t [j = a_t] / g_j, which is handed to <c>BackwardFromOutputGradient</c>; the generated code applies
/// the softmax Jacobian and adds dE_t/dtheta into <c>Gradients</c>. Adam then takes one step on the mean over the T
/// steps of the batch, (1/T) sum_t dE_t/dtheta, whose expectation is the negative policy gradient.
/// </para>
/// </remarks>
public sealed class Reinforce
{
    private readonly ReinforceOptions _options;
    private readonly PolicyNetwork _policy = new();
    private readonly Adam<double> _adam;
    private readonly CartPoleEnv _env;
    private readonly SplitMix64 _actionRng;

    // The batch: states, actions and returns of every step of the N episodes (allocated once, at the largest size).
    private readonly double[] _states;
    private readonly int[] _actions;
    private readonly double[] _returns;

    /// <summary>Creates the agent: the policy's weights, the environment and the action sampler all seeded from <see cref="ReinforceOptions.Seed"/>.</summary>
    /// <param name="options">The hyper-parameters.</param>
    public Reinforce(ReinforceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var seeds = new SplitMix64(options.Seed);
        _policy.InitializeParameters(seeds.NextUInt64());
        _env = new CartPoleEnv(seeds.NextUInt64());
        _actionRng = seeds.Split();
        _adam = new Adam<double>(_policy, options.LearningRate);
        int capacity = options.EpisodesPerUpdate * CartPoleEnv.MaxEpisodeSteps;
        _states = new double[capacity * CartPoleEnv.ObservationSize];
        _actions = new int[capacity];
        _returns = new double[capacity];
    }

    /// <summary>The policy network being trained.</summary>
    public PolicyNetwork Policy => _policy;

    /// <summary>Trains until solved by the Gym definition or <see cref="ReinforceOptions.MaxEpisodes"/> episodes are played.</summary>
    /// <param name="progress">Called after every episode (may be null).</param>
    /// <returns>The outcome and the return of every episode.</returns>
    public ReinforceResult Train(Action<EpisodeReport>? progress = null)
    {
        var returns = new List<double>();
        double windowSum = 0;
        long totalSteps = 0;
        int updates = 0;
        Span<double> probabilities = stackalloc double[PolicyNetwork.OutputCount];
        Span<double> outputGradient = stackalloc double[PolicyNetwork.OutputCount];
        int window = _options.SolvedWindow;

        while (returns.Count < _options.MaxEpisodes)
        {
            int t = 0;
            for (int e = 0; e < _options.EpisodesPerUpdate && returns.Count < _options.MaxEpisodes; e++)
            {
                int start = t;
                _env.Reset();
                while (!_env.Done)
                {
                    Span<double> s = _states.AsSpan(t * CartPoleEnv.ObservationSize, CartPoleEnv.ObservationSize);
                    _env.State.CopyTo(s);
                    _policy.Forward(s, probabilities);
                    int action = _actionRng.NextDouble() < probabilities[0] ? 0 : 1;
                    _actions[t] = action;
                    _returns[t] = _env.Step(action);
                    t++;
                }

                // G_t = r_t + gamma G_(t+1), backwards from the last step of the episode.
                double g = 0;
                for (int k = t - 1; k >= start; k--)
                {
                    g = _returns[k] + (_options.Discount * g);
                    _returns[k] = g;
                }

                double episodeReturn = t - start;
                totalSteps += t - start;
                returns.Add(episodeReturn);
                windowSum += episodeReturn;
                if (returns.Count > window)
                {
                    windowSum -= returns[returns.Count - 1 - window];
                }

                double average = windowSum / Math.Min(returns.Count, window);
                progress?.Invoke(new EpisodeReport(returns.Count, episodeReturn, average, totalSteps));
                if (returns.Count >= window && average >= _options.SolvedReturn)
                {
                    return new ReinforceResult(true, returns.Count, totalSteps, updates, returns);
                }
            }

            Update(t, probabilities, outputGradient);
            updates++;
        }

        return new ReinforceResult(false, returns.Count, totalSteps, updates, returns);
    }

    /// <summary>Picks the more probable action (for demonstrations; training samples).</summary>
    /// <param name="state">The state.</param>
    /// <returns>0 or 1.</returns>
    public int GreedyAction(ReadOnlySpan<double> state)
    {
        Span<double> p = stackalloc double[PolicyNetwork.OutputCount];
        _policy.Forward(state, p);
        return p[1] > p[0] ? 1 : 0;
    }

    private void Update(int steps, Span<double> probabilities, Span<double> outputGradient)
    {
        // The baseline and the scale: A_t = (G_t - mean) / (std + 1e-8) over the batch's steps.
        double mean = 0;
        for (int k = 0; k < steps; k++)
        {
            mean += _returns[k];
        }

        mean /= steps;
        double variance = 0;
        for (int k = 0; k < steps; k++)
        {
            double d = _returns[k] - mean;
            variance += d * d;
        }

        double scale = 1 / (Math.Sqrt(variance / steps) + 1e-8);

        for (int k = 0; k < steps; k++)
        {
            ReadOnlySpan<double> s = _states.AsSpan(k * CartPoleEnv.ObservationSize, CartPoleEnv.ObservationSize);
            double advantage = (_returns[k] - mean) * scale;
            int a = _actions[k];

            // dE/dg_j for E = -A ln g_a: -A / g_a at j = a, 0 elsewhere.
            _policy.Forward(s, probabilities);
            outputGradient.Clear();
            outputGradient[a] = -advantage / probabilities[a];
            _policy.BackwardFromOutputGradient(s, outputGradient, default);
        }

        // Adam on (1/T) sum_t dE_t/dtheta; Step zeroes the gradients.
        _adam.Step(steps);
    }
}
