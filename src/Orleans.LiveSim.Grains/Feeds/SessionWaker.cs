using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// Wakes the sessions a registry shard must bring back, a few at a time: after a restart a shard lists hundreds or
/// thousands of running sessions, and calling them all at once makes as many activations read their state together
/// (the storm that exhausted the connection pool). Each wake is an awaited <see cref="ISessionGrain.ResumeAsync"/>: the
/// session activates, reloads, registers with its silo's fan-out and backfills on its next batch; it answers with the
/// silo it runs on (also when it was already active: it lives on a silo that kept running while this shard moved), or
/// null when it is not running. At most <c>concurrency</c> wakes are in flight; a failed one is retried with backoff,
/// and each cause of failure is logged once per wake-up round, which ends with one summary line.
/// </summary>
/// <remarks>
/// Runs on its shard's activation: the shard's turns and these continuations never run at the same time, so the
/// state here needs no lock. <paramref name="isAwake"/> tells which sessions need no wake any more (they attached on
/// their own meanwhile); <paramref name="woke"/> records a wake's answer.
/// </remarks>
public sealed partial class SessionWaker(
    string shard,
    IGrainFactory grains,
    int concurrency,
    LiveSimMetrics metrics,
    TimeProvider time,
    ILogger logger,
    Func<string, bool> isAwake,
    Action<string, SiloAddress?> woke)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Queue<string> _asleep = new();
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _causes = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _woken;
    private long _roundStart;

    /// <summary>Sessions listed but not woken yet, and wakes in flight or waiting to retry.</summary>
    public int Pending => _asleep.Count + _inFlight;

    /// <summary>Queues sessions to wake (call <see cref="Pump"/> to start).</summary>
    public void Add(IEnumerable<string> sessionIds)
    {
        var idle = Pending == 0;
        foreach (var id in sessionIds)
        {
            _asleep.Enqueue(id);
        }

        if (idle && _asleep.Count > 0)
        {
            _roundStart = time.GetTimestamp();
            _woken = 0;
        }
    }

    /// <summary>Starts wakes until <c>concurrency</c> are in flight.</summary>
    public void Pump()
    {
        while (_inFlight < concurrency && _asleep.TryDequeue(out var id))
        {
            if (isAwake(id))
            {
                continue;
            }

            _inFlight++;
            _ = WakeAsync(id);
        }
    }

    private async Task WakeAsync(string sessionId)
    {
        try
        {
            woke(sessionId, await grains.GetGrain<ISessionGrain>(sessionId).ResumeAsync());
            _woken++;
            _failures.Remove(sessionId);
            metrics.SessionsWoken.Add(1);
        }
        catch (Exception ex)
        {
            // Activation failed or timed out (database, a silo going away, ...): back off, then queue it again.
            var failures = _failures[sessionId] = _failures.GetValueOrDefault(sessionId) + 1;
            var cause = ex.GetBaseException().GetType().Name;
            var first = !_causes.ContainsKey(cause);
            _causes[cause] = _causes.GetValueOrDefault(cause) + 1;
            metrics.WakeRetries.Add(1);
            if (first)
            {
                LogWakeFailed(logger, ex, shard, sessionId, cause);
            }

            var backoff = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16)));
            await Task.Delay(TimeSpan.FromMilliseconds(backoff * (0.8 + (0.4 * Random.Shared.NextDouble()))), time);
            _asleep.Enqueue(sessionId);
        }
        finally
        {
            _inFlight--;
        }

        if (Pending == 0)
        {
            LogRoundDone(logger, shard, _woken, time.GetElapsedTime(_roundStart).TotalSeconds, _causes.Values.Sum(), string.Join("; ", _causes.Select(kv => $"{kv.Key} x{kv.Value}")));
            _causes.Clear();
        }

        Pump();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {Shard}: waking session {SessionId} failed ({Cause}); retrying it with backoff. Further failures of this cause are counted in the summary")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string shard, string sessionId, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: woke {Count} sessions in {Seconds:0.0} s; {Retries} wakes retried ({Causes})")]
    private static partial void LogRoundDone(ILogger logger, string shard, int count, double seconds, int retries, string causes);
}
