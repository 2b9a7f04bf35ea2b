using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Api.Tests.Contracts;

public sealed class SweepGridTests
{
    private static readonly SweepAxis[] Axes = [new("entryTick", ["10", "20", "30"]), new("betSizes", ["[0.001]", "[0.002,0.003]"])];

    [Fact]
    public void Variants_are_numbered_like_nested_loops_with_the_last_axis_fastest()
    {
        Assert.Equal(6, SweepGrid.Count(Axes));
        Assert.Equal([new("entryTick", "20"), new("betSizes", "[0.002,0.003]")], SweepGrid.ValuesOf(Axes, 3));

        var p = SweepGrid.Parameters(new StrategyParameters { NumBets = 2 }, Axes, 5);
        Assert.Equal((30, 2), (p.EntryTick, p.NumBets));
        Assert.Equal([0.002m, 0.003m], p.BetSizes);
    }

    [Fact]
    public void A_grid_too_large_for_a_long_counts_as_the_largest_long()
    {
        var wide = new SweepAxis("numBets", [.. Enumerable.Range(1, 100_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(long.MaxValue, SweepGrid.Count([wide, wide, wide, wide]));
    }

    [Fact]
    public void Ranking_puts_the_best_first_lower_drawdown_first_variants_without_a_value_last_and_ties_by_index()
    {
        VariantResult[] results = [Result(0, 1m, 5m, null), Result(1, 2m, 1m, 2m), Result(2, 2m, 9m, 1m), Result(3, -1m, 1m, 3m)];

        Assert.Equal([1, 2, 0, 3], results.Order(SweepMetric.NetPnl.Comparer()).Select(r => r.Index));
        Assert.Equal([1, 3, 0, 2], results.Order(SweepMetric.MaxDrawdownPct.Comparer()).Select(r => r.Index));
        Assert.Equal([3, 1, 2, 0], results.Order(SweepMetric.ProfitFactor.Comparer()).Select(r => r.Index));
    }

    private static VariantResult Result(int index, decimal netPnl, decimal maxDrawdownPct, decimal? profitFactor) =>
        new(index, $"s-{index}", SessionStatus.Completed, null, 10, new VariantStats(10, 1, 1, 0, 1, 0, 0.001m, netPnl, 0m, null, maxDrawdownPct, 0m, profitFactor, 0.1m), "h");
}
