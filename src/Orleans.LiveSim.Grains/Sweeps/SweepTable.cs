using System.Security.Cryptography;
using System.Text;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Grains.Sweeps;

/// <summary>
/// The variants' last reports and what follows from them: the ranking by the sweep's metric (recomputed only after a
/// report changed it), the table hash, and the progress. Plain code: the grain adds storage and timing.
/// </summary>
public sealed class SweepTable
{
    private readonly VariantResult?[] _results;
    private readonly IComparer<VariantResult> _order;
    private List<VariantResult>? _ranked;
    private string? _tableHash;

    public SweepTable(StoredSweep sweep)
    {
        _results = new VariantResult?[sweep.Variants];
        _order = sweep.Metric.Comparer();
        foreach (var r in sweep.Results)
        {
            Take(r);
        }
    }

    /// <summary>Grows with every report taken in.</summary>
    public long UpdateSeq { get; private set; }

    public int Reported { get; private set; }

    public int Ended { get; private set; }

    /// <summary>Takes a variant's report; false when it changes nothing (an unknown index, or a variant that already ended).</summary>
    public bool Take(VariantResult result)
    {
        if (result.Index < 0 || result.Index >= _results.Length || _results[result.Index] is { Ended: true })
        {
            return false;
        }

        Reported += _results[result.Index] is null ? 1 : 0;
        Ended += result.Ended ? 1 : 0;
        _results[result.Index] = result;
        (_ranked, _tableHash) = (null, null);
        UpdateSeq++;
        return true;
    }

    /// <summary>Whether the variant at <paramref name="index"/> has ended.</summary>
    public bool HasEnded(int index) => _results[index] is { Ended: true };

    /// <summary>Every report, in index order (what the grain stores).</summary>
    public IReadOnlyList<VariantResult> Results => [.. _results.OfType<VariantResult>()];

    /// <summary>The reported variants, best first.</summary>
    public IReadOnlyList<VariantResult> Ranked => _ranked ??= [.. _results.OfType<VariantResult>().Order(_order)];

    /// <summary>First 16 hex digits of the SHA-256 of every reported variant's <c>index:stateHash</c> line, in index order.</summary>
    public string TableHash => _tableHash ??= Hash();

    /// <summary>Entries the variants have applied after <paramref name="startAfter"/>; <paramref name="endedAs"/> counts an ended variant as having applied that many.</summary>
    public long Applied(long startAfter, long? endedAs = null) =>
        _results.OfType<VariantResult>().Sum(r => r.Ended && endedAs is { } all ? all : Math.Max(0, r.LastSeq - startAfter));

    private string Hash()
    {
        var text = new StringBuilder();
        foreach (var r in _results.OfType<VariantResult>())
        {
            text.Append(r.Index).Append(':').Append(r.StateHash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
