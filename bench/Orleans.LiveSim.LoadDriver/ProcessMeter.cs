using System.Diagnostics;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>A snapshot of the process: CPU time, wall time, GC counts and pauses, memory.</summary>
public sealed record ProcessSample(TimeSpan Cpu, long WallTimestamp, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long WorkingSet, long HeapBytes)
{
    public static ProcessSample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSample(
            process.TotalProcessorTime,
            Stopwatch.GetTimestamp(),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            process.WorkingSet64,
            GC.GetGCMemoryInfo().HeapSizeBytes);
    }

    public double SecondsSince(ProcessSample earlier) => Stopwatch.GetElapsedTime(earlier.WallTimestamp, WallTimestamp).TotalSeconds;

    /// <summary>CPU used since <paramref name="earlier"/> as a share of all cores (100 % = every core busy).</summary>
    public double CpuPercentSince(ProcessSample earlier) =>
        100.0 * (Cpu - earlier.Cpu).TotalSeconds / SecondsSince(earlier) / Environment.ProcessorCount;
}
