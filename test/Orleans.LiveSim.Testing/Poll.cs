namespace Orleans.LiveSim.Testing;

/// <summary>Polls a condition until it holds or a deadline passes, then fails saying what was expected.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {expected} within {timeout ?? TimeSpan.FromSeconds(30)}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }
}
