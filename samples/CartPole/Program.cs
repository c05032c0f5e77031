using System;
using System.Diagnostics;
using System.Globalization;

namespace CartPole;

/// <summary>Trains a NetGen policy on CartPole-v1 with REINFORCE until it is solved by the Gym definition.</summary>
public static class Program
{
    /// <param name="args"><c>--seed N</c> (default 1), <c>--max-episodes N</c> (default 3000), <c>--quiet</c> (only every 100th episode).</param>
    /// <returns>0 when solved, 1 when not solved within the cap, 2 on bad arguments.</returns>
    public static int Main(string[] args)
    {
        var options = new ReinforceOptions();
        bool quiet = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed):
                    options = options with { Seed = seed };
                    i++;
                    break;
                case "--max-episodes" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int max) && max > 0:
                    options = options with { MaxEpisodes = max };
                    i++;
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                default:
                    Console.Error.WriteLine("usage: CartPole [--seed N] [--max-episodes N] [--quiet]");
                    return 2;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CartPole-v1, REINFORCE with a baseline, policy {PolicyNetwork.InputCount}-32-{PolicyNetwork.OutputCount} (tanh, softmax), Adam lr {options.LearningRate}, {options.EpisodesPerUpdate} episodes per update, gamma {options.Discount}, seed {options.Seed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"solved = average return >= {options.SolvedReturn} over {options.SolvedWindow} consecutive episodes; giving up after {options.MaxEpisodes} episodes"));

        var agent = new Reinforce(options);
        var clock = Stopwatch.StartNew();
        ReinforceResult result = agent.Train(r =>
        {
            if (!quiet || r.Episode % 100 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"episode {r.Episode,5}  return {r.Return,5:0}  average(100) {r.MovingAverage,7:0.00}  steps {r.TotalSteps,9}"));
            }
        });
        clock.Stop();

        string verdict = result.Solved ? "SOLVED" : "NOT SOLVED";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict} after {result.Episodes} episodes, {result.TotalSteps} environment steps, {result.Updates} updates, {clock.Elapsed.TotalSeconds:0.000} s wall time"));
        return result.Solved ? 0 : 1;
    }
}
