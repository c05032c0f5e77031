using System;
using System.Globalization;
using NetGen.Training;

namespace NetGen;

/// <summary>
/// Inference for code that only uses a trained network: outputs as arrays and predicted classes, for one input or
/// for rows of inputs. These allocate their results; the generated <c>Forward(input, output)</c> allocates nothing.
/// </summary>
public static class NetworkExtensions
{
    /// <summary>The network's output g for one input, as a new array of <c>OutputCount</c> values (probabilities for a softmax or sigmoid output).</summary>
    /// <param name="network">The network.</param>
    /// <param name="input"><c>InputCount</c> values.</param>
    /// <returns>A new array with the output.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> does not have <c>InputCount</c> values.</exception>
    public static T[] Forward<T>(this INetwork<T> network, ReadOnlySpan<T> input)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        var output = new T[network.OutputCount];
        network.Forward(input, output);
        return output;
    }

    /// <summary>The outputs for rows of inputs, one new array per row.</summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">Rows of <c>InputCount</c> values.</param>
    /// <returns>One output row per input row.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row is null or has the wrong length (the message names it).</exception>
    public static T[][] Forward<T>(this INetwork<T> network, T[][] inputs)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        var outputs = new T[inputs.Length][];
        for (int r = 0; r < outputs.Length; r++)
        {
            outputs[r] = new T[network.OutputCount];
            network.Forward(x.AsSpan(r * network.InputCount, network.InputCount), outputs[r]);
        }

        return outputs;
    }

    /// <summary>
    /// The class the network predicts for one input: the index of the largest output (the first on ties), or for a
    /// single output 1 when g ≥ 0.5, else 0. Allocates nothing for up to 256 outputs.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="input"><c>InputCount</c> finite values.</param>
    /// <returns>The class index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> has the wrong length or a NaN or infinite value.</exception>
    /// <exception cref="ArithmeticException">The output is NaN (the parameters are not finite), so there is no prediction.</exception>
    public static int Predict<T>(this INetwork<T> network, ReadOnlySpan<T> input)
        where T : unmanaged =>
        Evaluation.Predict(network, input);

    /// <summary>The predicted class of each row (see <see cref="Predict{T}(INetwork{T}, ReadOnlySpan{T})"/>).</summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">Rows of <c>InputCount</c> finite values.</param>
    /// <returns>One class index per row.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A row is null, has the wrong length or a NaN or infinite value (the message names it).</exception>
    /// <exception cref="ArithmeticException">An output is NaN.</exception>
    public static int[] Predict<T>(this INetwork<T> network, T[][] inputs)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        T[] x = Rows.Flatten(inputs, network.InputCount, nameof(inputs), "the network's InputCount");
        var classes = new int[inputs.Length];
        for (int r = 0; r < classes.Length; r++)
        {
            classes[r] = Evaluation.Predict(network, x.AsSpan(r * network.InputCount, network.InputCount));
        }

        return classes;
    }

    /// <summary>
    /// A model summary as text: the type and element type, the sizes, the parameter count, the loss and the code
    /// shape that runs here, then one line per layer with its units, activation and parameters. For example
    /// <code>
    /// Digits (float): 64-32-10, 2,410 parameters, loss CrossEntropy, code shape: Vector256 code
    /// layer  units  activation  weights  biases  parameters
    ///     0     64  (input)
    ///     1     32  Tanh           2,048      32       2,080
    ///     2     10  Softmax          320      10         330
    /// </code>
    /// A hand-written network (one that does not implement <see cref="INetworkInfo"/>) shows "?" for what it does not say.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <returns>The summary, lines separated by "\n".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static string Summary<T>(this INetwork<T> network)
        where T : unmanaged
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        var info = network as INetworkInfo;
        ReadOnlySpan<int> sizes = network.LayerSizes;
        var text = new System.Text.StringBuilder();
        var sizeText = new string[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizeText[i] = sizes[i].ToString(CultureInfo.InvariantCulture);
        }

        text.Append(network.GetType().Name).Append(" (").Append(typeof(T) == typeof(float) ? "float" : typeof(T) == typeof(double) ? "double" : typeof(T).Name).Append("): ")
            .Append(string.Join("-", sizeText))
            .Append(string.Format(CultureInfo.InvariantCulture, ", {0:#,0} parameters", network.ParameterCount))
            .Append(", loss ").Append(info is null ? "?" : info.Loss.ToString())
            .Append(", code shape: ").Append(info is null ? "?" : info.CodeShape).Append('\n');
        text.Append("layer  units  activation  weights  biases  parameters\n");
        text.Append(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,5}  (input)\n", 0, sizes[0]));
        for (int l = 1; l < sizes.Length; l++)
        {
            int weights = sizes[l] * sizes[l - 1];
            int biases = network.HasBias ? sizes[l] : 0;
            string activation = info is null || info.Activations.Length != sizes.Length - 1 ? "?" : info.Activations[l - 1].ToString();
            text.Append(string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,5}  {2,-10}  {3,7:#,0}  {4,6:#,0}  {5,10:#,0}\n", l, sizes[l], activation, weights, biases, weights + biases));
        }

        return text.ToString();
    }
}
