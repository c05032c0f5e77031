using System;
using CartPole;
using Xunit;

namespace NetGen.Training.Tests;

/// <summary>
/// samples/CartPole: the environment against known facts of Gym's CartPole-v1, and the REINFORCE agent, trained with the
/// sample's default seed, solving it by the Gym definition (average return of at least 475 over 100 consecutive
/// episodes), reproducibly. The outcome is asserted, never a duration. The sample's files are compiled into this
/// project (NetGen.Training.Tests.csproj links them).
/// </summary>
public class CartPoleTests
{
    [Fact]
    public void First_step_from_rest_matches_the_equations_worked_by_hand()
    {
        // From s = 0 pushing right (F = +10 N): temp = F / (m_c + m_p) = 10 / 1.1,
        // theta'' = (g sin 0 - cos 0 temp) / (l (4/3 - m_p cos^2 0 / (m_c + m_p))) = -temp / (0.5 (4/3 - 0.1/1.1)),
        // x'' = temp - m_p l theta'' cos 0 / (m_c + m_p). Euler: x and theta keep their old (zero) velocities.
        var env = new CartPoleEnv(0);
        env.Reset(new double[4]);
        Assert.Equal(1.0, env.Step(1));
        double temp = 10 / 1.1;
        double thetaAcc = -temp / (0.5 * ((4.0 / 3.0) - (0.1 / 1.1)));
        double xAcc = temp - (0.05 * thetaAcc / 1.1);
        Assert.Equal(0.0, env.State[0]);
        Assert.Equal(0.02 * xAcc, env.State[1], 1e-15);
        Assert.Equal(0.0, env.State[2]);
        Assert.Equal(0.02 * thetaAcc, env.State[3], 1e-15);
        Assert.Equal(0.1951219512195122, env.State[1], 1e-15); // 8/41
        Assert.Equal(-0.2926829268292683, env.State[3], 1e-15); // -12/41
        Assert.False(env.Done);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_constant_push_drops_the_pole_the_other_way_in_nine_steps(int action)
    {
        // Pushing one way from rest tips the pole the other way past 12 degrees at step 9 (Gym gives the same), long
        // before the cart nears 2.4 m; the two directions mirror each other exactly.
        var env = new CartPoleEnv(0);
        env.Reset(new double[4]);
        int steps = 0;
        while (!env.Done)
        {
            env.Step(action);
            steps++;
        }

        double sign = action == 1 ? 1 : -1;
        Assert.Equal(9, steps);
        Assert.True(env.Terminated);
        Assert.False(env.Truncated);
        Assert.True(-sign * env.State[2] > CartPoleEnv.ThetaThresholdRadians);
        Assert.True(Math.Abs(env.State[0]) < 0.2);
        Assert.Equal(0.14065097203306187 * sign, env.State[0], 1e-12);
        Assert.Equal(-0.21518604988500967 * sign, env.State[2], 1e-12);
    }

    [Fact]
    public void The_thresholds_are_12_degrees_and_2_4_metres()
    {
        Assert.Equal(12 * Math.PI / 180, CartPoleEnv.ThetaThresholdRadians, 1e-15);
        Assert.Equal(0.20943951023931953, CartPoleEnv.ThetaThresholdRadians);

        var env = new CartPoleEnv(0);

        // x = 2.39 moving at 1 m/s: x = 2.41 after one step, out.
        env.Reset(new[] { 2.39, 1.0, 0.0, 0.0 });
        env.Step(1);
        Assert.True(env.Terminated);

        // x = -2.39 moving at -0.4 m/s: x = -2.398 after one step, still in.
        env.Reset(new[] { -2.39, -0.4, 0.0, 0.0 });
        env.Step(1);
        Assert.False(env.Done);

        // theta = 0.2 rad turning at 1 rad/s: 0.22 rad after one step, beyond 12 degrees (0.2094 rad).
        env.Reset(new[] { 0.0, 0.0, 0.2, 1.0 });
        env.Step(1);
        Assert.True(env.Terminated);

        // theta = -0.2 turning at -0.2 rad/s: -0.204 after one step, still in.
        env.Reset(new[] { 0.0, 0.0, -0.2, -0.2 });
        env.Step(0);
        Assert.False(env.Done);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(2));
    }

    [Fact]
    public void A_balancing_controller_is_truncated_at_500_steps()
    {
        // push toward where the pole is falling: a = [theta + 0.3 theta' > 0] keeps it up for good.
        var env = new CartPoleEnv(0);
        env.Reset(new[] { 0.01, 0.0, 0.01, 0.0 });
        double episodeReturn = 0;
        while (!env.Done)
        {
            episodeReturn += env.Step(env.State[2] + (0.3 * env.State[3]) > 0 ? 1 : 0);
        }

        Assert.Equal(CartPoleEnv.MaxEpisodeSteps, env.Steps);
        Assert.Equal(500, episodeReturn);
        Assert.True(env.Truncated);
        Assert.False(env.Terminated);
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
    }

    [Fact]
    public void Initial_states_are_uniform_in_plus_minus_0_05_and_seeded()
    {
        var a = new CartPoleEnv(42);
        var b = new CartPoleEnv(42);
        double min = double.MaxValue;
        double max = double.MinValue;
        for (int episode = 0; episode < 1000; episode++)
        {
            ReadOnlySpan<double> s = a.Reset();
            Assert.True(s.SequenceEqual(b.Reset()));
            foreach (double v in s)
            {
                Assert.InRange(v, -0.05, 0.05);
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        Assert.True(min < -0.049 && max > 0.049);
    }

    [Fact]
    public void Reinforce_solves_CartPole_v1_with_the_default_seed_and_reproducibly()
    {
        var options = new ReinforceOptions();
        ReinforceResult first = new Reinforce(options).Train();

        Assert.True(first.Solved, $"not solved in {first.Episodes} episodes");
        Assert.True(first.Episodes >= 100);
        Assert.True(first.Episodes < options.MaxEpisodes);
        double window = 0;
        for (int i = first.Episodes - 100; i < first.Episodes; i++)
        {
            Assert.InRange(first.Returns[i], 1, 500);
            window += first.Returns[i];
        }

        // The Gym definition, recomputed from the returns: the last 100 episodes average at least 475.
        Assert.True(window / 100 >= 475, $"average {window / 100}");
        double steps = 0;
        foreach (double r in first.Returns)
        {
            steps += r;
        }

        Assert.Equal(first.TotalSteps, (long)steps);

        // Same seed, same episodes, return for return.
        ReinforceResult second = new Reinforce(options).Train();
        Assert.Equal(first.Returns, second.Returns);
        Assert.Equal(first.TotalSteps, second.TotalSteps);
    }
}
