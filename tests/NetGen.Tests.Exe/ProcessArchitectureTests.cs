using System;
using System.Runtime.InteropServices;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Only in the self-executing build: a run for another architecture (.ci/arm64.sh sets NETGEN_EXPECTED_ARCHITECTURE
/// to Arm64) fails here if the process is not that architecture, so a green run cannot have been an x64 one.
/// </summary>
public sealed class ProcessArchitectureTests
{
    [Fact]
    public void The_process_runs_on_the_expected_architecture()
    {
        string expected = Environment.GetEnvironmentVariable("NETGEN_EXPECTED_ARCHITECTURE")
            ?? RuntimeInformation.OSArchitecture.ToString();
        Assert.Equal(expected, RuntimeInformation.ProcessArchitecture.ToString());
    }
}
