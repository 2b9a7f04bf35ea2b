using System.Text;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>Reads a whole capture through the provider pipeline and reports what it contains.</summary>
public static class RecordingAnalyzer
{
    /// <summary>Analyzes <paramref name="capture"/> (JSON lines) without keeping it in memory; leaves the stream open.</summary>
    public static async Task<RecordingAnalysis> AnalyzeAsync(
        Stream capture,
        CancellationToken cancellationToken = default,
        ProviderNormalizerOptions? normalizerOptions = null,
        IntegrityOptions? integrityOptions = null)
    {
        var processor = new ProviderFeedProcessor("recording", normalizerOptions, integrityOptions);
        var ticks = new List<FeedTick>();
        using var reader = new StreamReader(capture, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var lastTime = DateTimeOffset.UnixEpoch;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            ticks.Clear();
            lastTime = RecordingFormat.ProcessLine(processor, line, lastTime, ticks) ?? lastTime;
        }

        var counters = processor.Counters;
        return new RecordingAnalysis(counters.Messages, counters.Ticks, processor.Checker.Rounds, counters);
    }
}
