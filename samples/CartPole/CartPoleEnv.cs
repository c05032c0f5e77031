using System;

namespace CartPole;

/// <summary>
/// The cart-pole balancing task of Barto, Sutton and Anderson (1983), "Neuronlike adaptive elements that can solve
/// difficult learning control problems", IEEE Transactions on Systems, Man, and Cybernetics SMC-13(5):834-846, with
/// the constants, equations, Euler integration, termination and truncation of Gymnasium's CartPole-v1
/// (gymnasium/envs/classic_control/cartpole.py, which follows the corrected equations of Florian 2007).
/// </summary>
/// <remarks>
/// State s = (x, x', theta, theta'): cart position (m), cart velocity (m/s), pole angle from upright (rad), pole angular
/// velocity (rad/s). Action 0 pushes the cart left with 10 N, action 1 right. Reward 1 for every step taken, the last
/// one included. An episode ends (terminated) when |x| &gt; 2.4 or |theta| &gt; 12 degrees, or is cut off (truncated)
/// after 500 steps, CartPole-v1's TimeLimit; so the return of an episode is its length, at most 500.
/// </remarks>
public sealed class CartPoleEnv
{
    /// <summary>g, gravity (m/s^2). Gym: gravity = 9.8.</summary>
    public const double Gravity = 9.8;

    /// <summary>Mass of the cart (kg). Gym: masscart = 1.0.</summary>
    public const double MassCart = 1.0;

    /// <summary>Mass of the pole (kg). Gym: masspole = 0.1.</summary>
    public const double MassPole = 0.1;

    /// <summary>Total mass (kg). Gym: total_mass = masspole + masscart.</summary>
    public const double TotalMass = MassPole + MassCart;

    /// <summary>Half the pole's length (m). Gym: length = 0.5 ("actually half the pole's length").</summary>
    public const double Length = 0.5;

    /// <summary>Gym: polemass_length = masspole * length.</summary>
    public const double PoleMassLength = MassPole * Length;

    /// <summary>Magnitude of the push (N). Gym: force_mag = 10.0.</summary>
    public const double ForceMag = 10.0;

    /// <summary>Seconds between state updates. Gym: tau = 0.02.</summary>
    public const double Tau = 0.02;

    /// <summary>Angle at which the episode fails (rad). Gym: theta_threshold_radians = 12 * 2 * math.pi / 360.</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;

    /// <summary>Cart position at which the episode fails (m). Gym: x_threshold = 2.4.</summary>
    public const double XThreshold = 2.4;

    /// <summary>CartPole-v1's max_episode_steps: an episode is truncated after this many steps.</summary>
    public const int MaxEpisodeSteps = 500;

    /// <summary>Bound of the uniform initial state. Gym: reset draws every component from U(-0.05, 0.05).</summary>
    public const double InitialBound = 0.05;

    /// <summary>The size of the observation (x, x', theta, theta').</summary>
    public const int ObservationSize = 4;

    private readonly SplitMix64 _rng;
    private readonly double[] _state = new double[ObservationSize];

    /// <summary>Creates the environment with its own random generator (it only draws initial states).</summary>
    /// <param name="seed">The seed of the initial states.</param>
    public CartPoleEnv(ulong seed) => _rng = new SplitMix64(seed);

    /// <summary>The current state (x, x', theta, theta').</summary>
    public ReadOnlySpan<double> State => _state;

    /// <summary>Steps taken in the current episode.</summary>
    public int Steps { get; private set; }

    /// <summary>True once the episode has terminated (pole or cart out of bounds).</summary>
    public bool Terminated { get; private set; }

    /// <summary>True once the episode has reached <see cref="MaxEpisodeSteps"/> without terminating.</summary>
    public bool Truncated { get; private set; }

    /// <summary>True when the episode is over, terminated or truncated.</summary>
    public bool Done => Terminated || Truncated;

    /// <summary>Starts an episode: every state component uniform in [-0.05, 0.05).</summary>
    /// <returns>The initial state.</returns>
    public ReadOnlySpan<double> Reset()
    {
        for (int i = 0; i < ObservationSize; i++)
        {
            _state[i] = _rng.NextDouble(-InitialBound, InitialBound);
        }

        Steps = 0;
        Terminated = false;
        Truncated = false;
        return _state;
    }

    /// <summary>Starts an episode from a given state (for tests).</summary>
    /// <param name="state">x, x', theta, theta'.</param>
    public void Reset(ReadOnlySpan<double> state)
    {
        if (state.Length != ObservationSize)
        {
            throw new ArgumentException($"The state has {ObservationSize} values.", nameof(state));
        }

        state.CopyTo(_state);
        Steps = 0;
        Terminated = false;
        Truncated = false;
    }

    /// <summary>Applies <paramref name="action"/> for one step of <see cref="Tau"/> seconds.</summary>
    /// <param name="action">0 pushes left, 1 pushes right.</param>
    /// <returns>The reward, 1 (Gym gives 1 on every step, the terminating one included).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not 0 or 1.</exception>
    /// <exception cref="InvalidOperationException">The episode is over; call Reset.</exception>
    public double Step(int action)
    {
        if (action is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "The action is 0 (left) or 1 (right).");
        }

        if (Done)
        {
            throw new InvalidOperationException("The episode is over; call Reset.");
        }

        double x = _state[0];
        double xDot = _state[1];
        double theta = _state[2];
        double thetaDot = _state[3];

        // Gym CartPole-v1 step(), term by term.
        double force = action == 1 ? ForceMag : -ForceMag;
        double cosTheta = Math.Cos(theta);
        double sinTheta = Math.Sin(theta);
        double temp = (force + (PoleMassLength * thetaDot * thetaDot * sinTheta)) / TotalMass;
        double thetaAcc = ((Gravity * sinTheta) - (cosTheta * temp))
            / (Length * ((4.0 / 3.0) - (MassPole * cosTheta * cosTheta / TotalMass)));
        double xAcc = temp - (PoleMassLength * thetaAcc * cosTheta / TotalMass);

        // kinematics_integrator = "euler": positions from the old velocities, then the velocities.
        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;

        _state[0] = x;
        _state[1] = xDot;
        _state[2] = theta;
        _state[3] = thetaDot;
        Steps++;

        Terminated = x < -XThreshold || x > XThreshold || theta < -ThetaThresholdRadians || theta > ThetaThresholdRadians;
        Truncated = !Terminated && Steps >= MaxEpisodeSteps;
        return 1.0;
    }
}
