using Orleans.LiveSim.Feeds.SocketIo;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Backoff_doubles_from_half_a_second_up_to_the_thirty_second_cap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();
        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.True(backoff.AtCap);
    }

    [Fact]
    public void Backoff_starts_over_after_a_successful_connection()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30));
        backoff.Next();
        backoff.Next();
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next());
        Assert.False(backoff.AtCap);
    }
}
