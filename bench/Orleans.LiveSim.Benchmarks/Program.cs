using BenchmarkDotNet.Running;

namespace Orleans.LiveSim.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release -- --filter '*'</c> (BenchmarkDotNet's switcher).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
