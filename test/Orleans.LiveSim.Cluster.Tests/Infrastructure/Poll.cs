namespace Orleans.LiveSim.Cluster.Tests.Infrastructure;

/// <summary>Waits for a condition by polling against a deadline (no fixed sleeps).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        var last = default(T);
        while (true)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or Npgsql.NpgsqlException)
            {
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {expectation} within {timeout.TotalSeconds:0} s; last observed: {(lastError is null ? last : lastError.Message)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
