namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// A lock-free latency histogram in 0.1 ms buckets up to 60 s (the last bucket holds everything slower), read as
/// percentiles between two snapshots so a window excludes what came before it.
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    private const int Buckets = 600_000;
    private readonly long[] _counts = new long[Buckets + 1];

    public void RecordMs(double ms) =>
        Interlocked.Increment(ref _counts[ms <= 0 ? 0 : (int)Math.Min(Buckets, ms / BucketMs)]);

    /// <summary>The counts so far, copied into <paramref name="into"/> when given (4.8 MB a copy: reuse one where it is taken often).</summary>
    public long[] Snapshot(long[]? into = null)
    {
        var copy = into ?? new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return copy;
    }

    /// <summary>Values recorded between two snapshots.</summary>
    public static long Count(long[] before, long[] after)
    {
        long total = 0;
        for (var i = 0; i < after.Length; i++)
        {
            total += after[i] - before[i];
        }

        return total;
    }

    /// <summary>Percentile (0..1) in ms (the bucket's upper edge) of the values recorded between two snapshots; null when none.</summary>
    public static double? Percentile(long[] before, long[] after, double p)
    {
        var total = Count(before, after);
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        for (var i = 0; i < after.Length; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank)
            {
                return Math.Round((i + 1) * BucketMs, 1);
            }
        }

        return Buckets * BucketMs;
    }
}
