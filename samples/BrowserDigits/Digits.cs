using NetGen;

namespace BrowserDigits;

/// <summary>
/// Reads an 8x8 image of a handwritten digit: 64 inputs (pixels scaled to [0, 1]), 32 tanh hidden units, 10 softmax
/// outputs (the probability of each digit 0-9), trained with cross-entropy; the network of samples/Digits.
/// </summary>
/// <remarks>
/// Blazor users: declare a [Network] type in a .cs file like this one (or in a .razor.cs code-behind file), never in
/// the @code block of a .razor component. Source generators run side by side and do not see each other's output, so
/// NetGen never sees a class that the Razor generator writes from a .razor file: such a class compiles, but silently
/// gets no Forward, Backward or any other generated member, and no diagnostic says why: the first use fails with
/// CS1061 or CS0117 "does not contain a definition". See docs/blazor.md.
/// </remarks>
[Network(64, 32, 10, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = LossFunction.CrossEntropy)]
public partial class Digits
{
}
