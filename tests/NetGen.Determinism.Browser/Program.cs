using System;
using System.Net.Http;
using System.Runtime.Intrinsics;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using NetGen.Determinism;

// No components: run the check, send the report to the server that served the page, then idle.
WebAssemblyHostBuilder builder = WebAssemblyHostBuilder.CreateDefault(args);
WebAssemblyHost host = builder.Build();
string text;
try
{
    bool same = DeterminismRun.Check(out string report);
    text = report + "runtime: " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + ", "
        + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture
        + ", Vector128.IsHardwareAccelerated=" + Vector128.IsHardwareAccelerated + "\n"
        + "determinism: " + (same ? "PASS" : "FAIL") + "\n";
}
catch (Exception e)
{
    text = "determinism: FAIL (exception) " + e + "\n";
}

using (var http = new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) })
{
    await http.PostAsync("determinism", new StringContent(text));
}

await host.RunAsync();
