namespace Orleans.LiveSim.Testing;

/// <summary>
/// Polls a condition until it holds or a deadline passes, then fails saying what was expected and what was last seen.
/// Transient failures of the probe (a server still starting, a connection refused) count as "not yet".
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string expected, TimeSpan? timeout = null) =>
        UntilAsync(read, done, timeout ?? DefaultTimeout, expected);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string expected)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        var last = default(T);
        while (true)
        {
            try
            {
                last = await read();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Data.Common.DbException)
            {
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {expected} within {timeout.TotalSeconds:0} s; last observed: {(lastError is null ? last : lastError.Message)}");
            }

            await Task.Delay(Interval);
        }
    }
}
