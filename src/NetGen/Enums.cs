namespace NetGen;

/// <summary>The activation function f of a layer: a = f(z), z = W a_prev + b.</summary>
public enum Activation
{
    /// <summary>Logistic unit: f(z) = 1 / (1 + e^-z); f'(z) = a (1 - a).</summary>
    Sigmoid = 0,

    /// <summary>Hyperbolic tangent: f(z) = tanh z; f'(z) = 1 - a^2.</summary>
    Tanh = 1,

    /// <summary>Rectified linear unit: f(z) = max(0, z); f'(z) = 1 if z &gt; 0, else 0.</summary>
    ReLU = 2,

    /// <summary>Identity (linear unit): f(z) = z; f'(z) = 1.</summary>
    Identity = 3,

    /// <summary>Softmax over the layer: a_j = e^z_j / sum_k e^z_k. Output layer only.</summary>
    Softmax = 4,

    /// <summary>Leaky rectified linear unit with the fixed slope 0.01 (PyTorch's default): f(z) = z if z &gt; 0, else 0.01 z; f'(z) = 1 if a &gt; 0, else 0.01.</summary>
    LeakyReLU = 5,

    /// <summary>Exponential linear unit with α = 1: f(z) = z if z &gt; 0, else e^z − 1; f'(z) = 1 if a &gt; 0, else a + 1.</summary>
    ELU = 6,

    /// <summary>
    /// Gaussian error linear unit in the tanh approximation (PyTorch's approximate='tanh'):
    /// f(z) = ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))); f' is computed from z, which the network keeps.
    /// </summary>
    GELU = 7,

    /// <summary>Sigmoid linear unit (swish): f(z) = z σ(z); f'(z) = σ(z) (1 + z (1 − σ(z))), computed from z, which the network keeps.</summary>
    SiLU = 8,

    /// <summary>Softplus: f(z) = ln(1 + e^z), computed stably as max(z, 0) + ln(1 + e^−|z|); f'(z) = σ(z) = 1 − e^−a.</summary>
    Softplus = 9,
}

/// <summary>The per-example loss E the network is trained on.</summary>
public enum LossFunction
{
    /// <summary>E = 1/2 sum_j (g_j - y_j)^2.</summary>
    SquaredError = 0,

    /// <summary>
    /// Sigmoid outputs: E = -sum_j [y_j ln g_j + (1 - y_j) ln(1 - g_j)];
    /// softmax outputs: E = -sum_j y_j ln g_j. Computed stably from the pre-activations.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>
    /// Huber loss (smooth L1) with the fixed δ = 1 (PyTorch's HuberLoss default): E = Σ_j h(g_j − y_j),
    /// h(e) = ½ e² if |e| ≤ 1, else |e| − ½; ∂E/∂g_j = clamp(g_j − y_j, −1, 1). Elementwise outputs only (not softmax).
    /// </summary>
    Huber = 2,

    /// <summary>
    /// Absolute error (L1): E = Σ_j |g_j − y_j|; ∂E/∂g_j = sign(g_j − y_j), with the subgradient 0 where g_j = y_j.
    /// Elementwise outputs only (not softmax).
    /// </summary>
    AbsoluteError = 3,
}

/// <summary>The code shape NetGen generates (see <see cref="NetworkAttribute.Unroll"/>).</summary>
public enum Unroll
{
    /// <summary>
    /// Fully unrolled up to 512 parameters (kept under the JIT's optimisation limits), the loop shape above; a float
    /// network with a layer at least 8 units wide on both sides takes the loop shape at any size (faster there).
    /// The loop shape is Vector256 code written for the network (AVX2 + FMA, with the SIMD kernels kept for other
    /// CPUs) when it is float, its input and hidden layers are at least 8 units wide and it uses only the original
    /// activations (Sigmoid, Tanh, ReLU, Identity, Softmax), on .NET 8+, else SIMD kernel calls.
    /// </summary>
    Auto = 0,

    /// <summary>Fully unrolled straight-line code whatever the size (up to 16,384 parameters; large unrolled methods may be compiled without optimisation by the JIT, not by NativeAOT).</summary>
    Always = 1,

    /// <summary>The loop shape (Vector256 code or SIMD kernel calls, as for <see cref="Auto"/>), even for tiny networks.</summary>
    Never = 2,
}

/// <summary>The element type T of a network.</summary>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/>.</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>.</summary>
    Double = 1,
}
