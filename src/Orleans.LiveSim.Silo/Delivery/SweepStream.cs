using System.Runtime.CompilerServices;
using System.Text.Json;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// A client's sweep stream: the sweep's view at once, then every <see cref="Interval"/> the view again if the sweep
/// changed (throttled leaderboard updates), keep-alives while it does not, until the sweep has ended (a replay sweep
/// once its variants are done; a live sweep when stopped) or is deleted.
/// </summary>
public sealed class SweepStream(IGrainFactory grains, JsonSerializerOptions json, TimeProvider time)
{
    /// <summary>How often the sweep is read for a change: at most two updates a second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<OutboundItem> ReadAsync(string id, Caller caller, SweepView first, int top, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = first;
        var sentAt = time.GetTimestamp();
        yield return Item(first);
        while (last.Status == SweepStatus.Running)
        {
            await Task.Delay(Interval, time, cancellationToken);
            if ((await grains.GetGrain<ISweepGrain>(id).GetAsync(caller, top)).View is not { } view)
            {
                yield break;
            }

            if (view.UpdateSeq != last.UpdateSeq || view.Status != last.Status || view.Progress.Created != last.Progress.Created)
            {
                (last, sentAt) = (view, time.GetTimestamp());
                yield return Item(view);
            }
            else if (time.GetElapsedTime(sentAt) >= KeepAlive)
            {
                sentAt = time.GetTimestamp();
                yield return OutboundItem.KeepAlive;
            }
        }
    }

    private OutboundItem Item(SweepView view) => new(SessionEventTypes.SweepUpdate, view.UpdateSeq, JsonSerializer.SerializeToUtf8Bytes(SweepEvent.Of(view), json));
}
