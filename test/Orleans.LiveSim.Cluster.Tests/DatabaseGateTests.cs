using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.LiveSim.Store;

namespace Orleans.LiveSim.Cluster.Tests;

/// <summary>The gate in front of a pool: bounded, in order, retrying what is transient, logging each cause once.</summary>
public sealed class DatabaseGateTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Never opened: the gate only hands it to the operations, and these operations do not use it.
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    [Fact]
    public async Task At_most_as_many_operations_run_as_the_pool_has_connections_and_the_rest_start_in_order()
    {
        var gate = Gate(slots: 2);
        var release = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = new ConcurrentQueue<int>();
        var runs = new List<Task<int>>();
        for (var i = 0; i < release.Length; i++)
        {
            var n = i;
            runs.Add(gate.RunAsync(
                _ =>
                {
                    started.Enqueue(n);
                    return release[n].Task;
                },
                idempotent: true));
        }

        Assert.Equal([0, 1], started);
        release[1].SetResult(1);
        await Poll.UntilAsync(() => Task.FromResult(started.Count), c => c == 3, "a third operation to start once one finished");
        release[0].SetResult(0);
        await Poll.UntilAsync(() => Task.FromResult(started.Count), c => c == 4, "a fourth operation to start");
        foreach (var r in release.Skip(2))
        {
            r.TrySetResult(-1);
        }

        await Task.WhenAll(runs);
        Assert.Equal([0, 1, 2, 3, 4, 5], started);
    }

    [Fact]
    public async Task A_full_server_is_retried_with_backoff_until_it_answers_and_is_logged_once_for_all_callers()
    {
        var gate = Gate(slots: 4);
        var failuresLeft = 5;
        var attempts = 0;
        Task<int> Operation(CancellationToken _)
        {
            Interlocked.Increment(ref attempts);
            return Interlocked.Decrement(ref failuresLeft) >= 0
                ? throw new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")
                : Task.FromResult(42);
        }

        var runs = Enumerable.Range(0, 20).Select(_ => gate.RunAsync(Operation, idempotent: false)).ToArray();
        var results = await AdvanceUntilAsync(Task.WhenAll(runs));

        Assert.All(results, r => Assert.Equal(42, r));
        // 4 in flight failed together, then one probe at a time: far fewer attempts than callers times retries.
        Assert.Equal(20 + 5, attempts);
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("53300 sorry, too many clients already", StringComparison.Ordinal));
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("5 failed attempts were retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_that_may_have_reached_the_server_is_not_sent_again()
    {
        var gate = Gate(slots: 1);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<NpgsqlException>(() => gate.RunAsync<int>(
            _ =>
            {
                attempts++;
                throw new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
            },
            idempotent: false));

        Assert.IsType<EndOfStreamException>(error.InnerException);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task After_retry_for_the_caller_sees_the_error_and_the_give_up_is_logged_once()
    {
        var gate = Gate(slots: 2, retryFor: TimeSpan.FromSeconds(10));

        var runs = Enumerable.Range(0, 3).Select(_ => gate.RunAsync<int>(_ => throw new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), idempotent: true)).ToArray();
        await AdvanceUntilAsync(Task.WhenAll(runs.Select(r => r.ContinueWith(_ => 0, TaskScheduler.Default))));

        Assert.All(runs, r => Assert.IsType<PostgresException>(r.Exception!.InnerException));
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("gave up", StringComparison.Ordinal));
    }

    private DatabaseGate Gate(int slots, TimeSpan? retryFor = null) =>
        new("test", _dataSource, slots, retryFor ?? TimeSpan.FromMinutes(1), null, _log, _time);

    // Backoffs wait on the fake clock: move it on until the work is done.
    private async Task<T> AdvanceUntilAsync<T>(Task<T> work)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!work.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < until, "the operations did not finish");
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
            await Task.WhenAny(work, Task.Delay(1));
        }

        return await work;
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
