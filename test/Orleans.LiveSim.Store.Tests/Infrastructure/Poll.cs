namespace Orleans.LiveSim.Store.Tests.Infrastructure;

/// <summary>Waits for a condition by polling against a deadline (no fixed sleeps).</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {expectation} within {timeout.TotalSeconds:0} s; last observed: {last}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
            last = await probe();
        }

        return last;
    }
}
