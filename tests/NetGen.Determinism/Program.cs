using System;
using System.Runtime.CompilerServices;
using NetGen.Determinism;

// The determinism check under NativeAOT (or the JIT, with dotnet run): the same hashes as on every other platform.
bool same = DeterminismRun.Check(out string report);
Console.Write(report);
Console.WriteLine("runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
    + (RuntimeFeature.IsDynamicCodeSupported ? " (JIT)" : " (NativeAOT)")
    + ", " + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture);
Console.WriteLine("determinism: " + (same ? "PASS" : "FAIL"));
return same ? 0 : 1;
