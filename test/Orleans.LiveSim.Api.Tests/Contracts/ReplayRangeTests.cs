using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>A replay of a range the journal does not hold in full is refused (409) naming the range it holds; the in-memory journal here keeps 100 entries.</summary>
public sealed class ReplayRangeTests
{
    private readonly CreateRequests _requests = new();

    private async Task JournalAsync(int count)
    {
        var ticks = Enumerable.Range(1, count).Select(seq => new FeedTick("demo", seq, "g", seq, 1m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch)).ToArray();
        await _requests.Journal.AppendAsync("demo", ticks);
    }

    [Fact]
    public async Task A_range_inside_the_ring_replays_as_asked_and_no_range_means_all_it_holds()
    {
        await JournalAsync(250);

        var inside = await _requests.CheckAsync("""{"source": {"feedId": "demo", "fromSeq": 151, "toSeq": 250}}""");
        var all = await _requests.CheckAsync("""{"source": {"feedId": "demo"}}""");

        Assert.Empty(inside.Errors);
        Assert.Equal((151L, 250L), (inside.Source!.FromSeq, inside.Source.ToSeq));
        Assert.True(inside.Source.Speed!.Value.IsMax);
        Assert.Empty(all.Errors);
        Assert.Equal((151L, 250L), (all.Source!.FromSeq, all.Source.ToSeq));
    }

    [Theory]
    [InlineData("""{"fromSeq": 1, "toSeq": 200}""", "source.fromSeq", "asks for seq 1..200, but the journal of feed 'demo' holds seq 151..250: replay a range inside it.")]
    [InlineData("""{"fromSeq": 1}""", "source.fromSeq", "asks for seq 1.., but the journal of feed 'demo' holds seq 151..250: replay a range inside it.")]
    [InlineData("""{"fromSeq": 200, "toSeq": 400}""", "source.toSeq", "asks for seq 200..400, but the journal of feed 'demo' holds seq 151..250: replay a range inside it.")]
    [InlineData("""{"fromSeq": 300}""", "source.fromSeq", "asks for seq 300.., but the journal of feed 'demo' holds seq 151..250: replay a range inside it.")]
    public async Task A_range_partly_gone_or_not_yet_journaled_is_409_naming_the_range_held(string range, string field, string message)
    {
        await JournalAsync(250);

        var check = await _requests.CheckAsync($$$"""{"source": {"feedId": "demo", {{{range[1..^1]}}}}}""");

        Assert.Equal(409, check.Status);
        Assert.Equal((151L, 250L), check.Available);
        Assert.Equal([message], Assert.Single(check.Errors, e => e.Key == field).Value);
        Assert.Single(check.Errors);
    }

    [Fact]
    public async Task A_replay_of_an_empty_journal_is_409()
    {
        var check = await _requests.CheckAsync("""{"source": {"feedId": "demo"}}""");

        Assert.Equal(409, check.Status);
        Assert.Equal(["cannot replay yet: the journal of feed 'demo' holds no entries."], check.Errors["source"]);
    }
}
