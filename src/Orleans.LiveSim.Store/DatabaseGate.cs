using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.LiveSim.Store;

/// <summary>
/// The only way to one connection pool: at most as many operations run as the pool has connections, the rest wait
/// here in order (never in Npgsql's pool, which gives up after its <c>Timeout</c>), so a burst of ten thousand
/// session activations queues instead of failing. An operation that fails with a transient error is retried with
/// backoff for up to <c>RetryFor</c>; while the database fails, one operation at a time probes it and the others
/// wait, so an outage costs one attempt per backoff step rather than one per caller. Each cause is logged once
/// per outage, and its recovery once with the count of what was retried.
/// </summary>
public sealed partial class DatabaseGate
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _probe = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _causes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gaveUpCauses = new(StringComparer.Ordinal);
    private readonly TimeSpan _retryFor;
    private readonly DatabaseMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile bool _failing;
    private int _failedProbes;
    private long _retryAt;
    private long _outageStart;

    /// <summary>Creates the gate of one pool.</summary>
    /// <param name="name">The pool's name, for logs and the metrics' <c>pool</c> tag.</param>
    /// <param name="dataSource">The pool; everything that uses it must go through this gate.</param>
    /// <param name="slots">The pool's size (its <c>Maximum Pool Size</c>).</param>
    /// <param name="retryFor">How long a transient failure is retried before the caller sees it.</param>
    /// <param name="metrics">Where to count waits and retries; null for none.</param>
    /// <param name="logger">Where outages and recoveries are logged.</param>
    /// <param name="time">The clock of backoffs.</param>
    public DatabaseGate(string name, NpgsqlDataSource dataSource, int slots, TimeSpan retryFor, DatabaseMetrics? metrics, ILogger logger, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Name = name;
        DataSource = dataSource;
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
        _retryFor = retryFor;
        _metrics = metrics;
        _tag = new KeyValuePair<string, object?>("pool", name);
        _logger = logger;
        _time = time;
    }

    /// <summary>The pool's name (<c>sessions</c>, <c>feed</c>).</summary>
    public string Name { get; }

    /// <summary>The pool. Use it only inside an operation run by this gate.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>How many operations run at once: the pool's size.</summary>
    public int Slots { get; }

    /// <summary>Runs <paramref name="operation"/> on one of the pool's connections, retrying transient failures.</summary>
    /// <param name="operation">Opens at most one connection of <see cref="DataSource"/> at a time.</param>
    /// <param name="idempotent">
    /// True when running it twice does no harm (reads, upserts, deletes): it is retried after any transient failure.
    /// False (a versioned write): retried only when the statement surely never ran.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait and the operation.</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, bool idempotent, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var probing = false;
            if (_failing)
            {
                await _probe.WaitAsync(cancellationToken);
                probing = _failing;
                if (!probing)
                {
                    _probe.Release();
                }
            }

            try
            {
                if (probing)
                {
                    await DelayUntilRetryAsync(cancellationToken);
                }

                _metrics?.Waiting.Add(1, _tag);
                try
                {
                    await _slots.WaitAsync(cancellationToken);
                }
                finally
                {
                    _metrics?.Waiting.Add(-1, _tag);
                }

                try
                {
                    // Queued before the outage began: wait for the probe instead of adding one more failure.
                    if (_failing && !probing)
                    {
                        continue;
                    }

                    var result = await operation(cancellationToken);
                    if (_failing)
                    {
                        Recovered();
                    }

                    return result;
                }
                catch (Exception ex) when (ShouldRetry(ex, idempotent, started, cancellationToken) is { } cause)
                {
                    Failed(cause, probing, ex);
                }
                finally
                {
                    _slots.Release();
                }
            }
            finally
            {
                if (probing)
                {
                    _probe.Release();
                }
            }
        }
    }

    /// <summary>Runs an operation without a result; see <see cref="RunAsync{T}"/>.</summary>
    public Task RunAsync(Func<CancellationToken, Task> operation, bool idempotent, CancellationToken cancellationToken = default) =>
        RunAsync(
            async ct =>
            {
                await operation(ct);
                return true;
            },
            idempotent,
            cancellationToken);

    private string? ShouldRetry(Exception exception, bool idempotent, long started, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || TransientError.Of(exception) is not { } error || !(idempotent || error.NeverRan))
        {
            return null;
        }

        if (_time.GetElapsedTime(started) < _retryFor)
        {
            return error.Cause;
        }

        _metrics?.GaveUp.Add(1, _tag);
        bool first;
        lock (_lock)
        {
            first = _gaveUpCauses.Add(error.Cause);
        }

        if (first)
        {
            LogGaveUp(_logger, exception, Name, _retryFor, error.Cause);
        }

        return null;
    }

    private void Failed(string cause, bool probing, Exception exception)
    {
        _metrics?.Retries.Add(1, _tag);
        bool first;
        lock (_lock)
        {
            if (!_failing)
            {
                _failing = true;
                _failedProbes = 0;
                _outageStart = _time.GetTimestamp();
            }
            else if (probing)
            {
                _failedProbes++;
            }

            var backoff = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(_failedProbes, 16)));
            _retryAt = _time.GetTimestamp() + (long)(backoff * (0.8 + (0.4 * Random.Shared.NextDouble())) * _time.TimestampFrequency / 1000);
            first = !_causes.ContainsKey(cause);
            _causes[cause] = _causes.GetValueOrDefault(cause) + 1;
        }

        if (first)
        {
            LogFailing(_logger, exception, Name, cause, _retryFor);
        }
    }

    private void Recovered()
    {
        string causes;
        long attempts;
        TimeSpan outage;
        lock (_lock)
        {
            if (!_failing)
            {
                return;
            }

            _failing = false;
            attempts = _causes.Values.Sum();
            causes = string.Join("; ", _causes.Select(kv => $"{kv.Key} x{kv.Value}"));
            outage = _time.GetElapsedTime(_outageStart);
            _causes.Clear();
            _gaveUpCauses.Clear();
        }

        LogRecovered(_logger, Name, outage.TotalSeconds, attempts, causes);
    }

    private async Task DelayUntilRetryAsync(CancellationToken cancellationToken)
    {
        long retryAt;
        lock (_lock)
        {
            retryAt = _retryAt;
        }

        var wait = retryAt - _time.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), _time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL ({Pool} pool): {Cause}. Retrying with backoff for up to {RetryFor}; further failures of this cause are counted, not logged")]
    private static partial void LogFailing(ILogger logger, Exception exception, string pool, string cause, TimeSpan retryFor);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ({Pool} pool) answers again after {Seconds:0.0} s; {Attempts} failed attempts were retried ({Causes})")]
    private static partial void LogRecovered(ILogger logger, string pool, double seconds, long attempts, string causes);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL ({Pool} pool): gave up after retrying for {RetryFor} ({Cause}); the callers see the error. Further give-ups of this cause are counted, not logged")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string pool, TimeSpan retryFor, string cause);
}
