// The shared test sources are written for xunit 2 (NetGen.Tests), where ITestOutputHelper lives in
// Xunit.Abstractions; xunit.v3 has it in Xunit. This empty namespace lets their `using Xunit.Abstractions;` compile
// here unchanged, and the name then resolves to Xunit.ITestOutputHelper.
namespace Xunit.Abstractions;

internal static class XunitV2Sources
{
}
