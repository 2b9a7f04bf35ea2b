using System.Globalization;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Synthetic;

/// <summary>
/// A seeded crash game following the provider's documented rules. Each active tick: rug with probability
/// 0.5 % (checked first); otherwise a drift uniform in [-2 %, +3 %], replaced with probability 12.5 % by a
/// big move of +-15..25 %, and with probability 0.001 % a x10 "god candle" while the price is at most 100.
/// Rounds are capped at 5,000 ticks and separated by a cooldown emitted as cooldown ticks (the last few
/// allowing pre-round buys), each carrying the next round's id as the provider does. All arithmetic is
/// integer or decimal: the same seed and start time give the same rounds, byte for byte.
/// </summary>
public sealed class SyntheticGame
{
    private readonly SyntheticGameOptions _options;
    private readonly SplitMix64 _random;
    private readonly string _feedId;
    private readonly int _cooldownTicks;
    private string _gameId = "";
    private int _cooldownLeft;
    private int _tick = -1;
    private decimal _price = 1m;

    /// <summary>
    /// Starts the game at <paramref name="start"/>. With <paramref name="resumeAfter"/> (the last entry the feed journaled
    /// before a restart) a round that was running goes on from that tick and price, so bets open on it settle as
    /// usual instead of being voided; otherwise (or after a rug) play begins with a cooldown.
    /// </summary>
    public SyntheticGame(string feedId, SyntheticGameOptions options, DateTimeOffset start, FeedTick? resumeAfter = null)
    {
        _feedId = feedId;
        _options = options;
        _random = new SplitMix64(options.Seed);
        _cooldownTicks = (int)(options.Cooldown / options.TickInterval);
        NextDue = start;
        if (resumeAfter is { Kind: FeedTickKind.Tick, Phase: GamePhase.Active, Rugged: false } last && last.Tick < options.MaxTicks)
        {
            _gameId = last.GameId;
            _tick = last.Tick;
            _price = last.Price;
            _cooldownLeft = 0;
        }
        else
        {
            StartCooldown();
        }
    }

    /// <summary>When the next tick is due.</summary>
    public DateTimeOffset NextDue { get; private set; }

    /// <summary>Produces the next tick (with <c>Seq = 0</c>) and advances <see cref="NextDue"/>.</summary>
    public FeedTick Next()
    {
        var at = NextDue;
        NextDue = at + _options.TickInterval;
        if (_cooldownLeft > 0)
        {
            var presale = _cooldownLeft <= _options.PresaleTicks;
            _cooldownLeft--;
            return new FeedTick(_feedId, 0, _gameId, 0, 1m, presale ? GamePhase.Presale : GamePhase.Cooldown, false, false, at);
        }

        _tick++;
        if (_tick == 0)
        {
            _price = 1m;
            return Active(at);
        }

        if (_random.NextInt(1_000_000) < _options.RugPerMillion || _tick >= _options.MaxTicks)
        {
            // The rug price is small but never 0: 0.001 .. 0.02.
            var rugPrice = (10 + _random.NextInt(191)) / 10_000m;
            var rug = new FeedTick(_feedId, 0, _gameId, _tick, rugPrice, GamePhase.Rugged, true, true, at);
            StartCooldown();
            return rug;
        }

        if (_random.NextInt(1000) < 125)
        {
            var size = (150 + _random.NextInt(101)) / 1000m;
            _price *= _random.NextInt(2) == 0 ? 1m + size : 1m - size;
        }
        else
        {
            _price *= 1m + ((-20_000 + _random.NextInt(50_001)) / 1_000_000m);
        }

        if (_price <= 100m && _random.NextInt(10_000_000) < 100)
        {
            _price *= 10m;
        }

        _price = Math.Max(Math.Round(_price, 10), 0.0000000001m);
        return Active(at);
    }

    private FeedTick Active(DateTimeOffset at) =>
        new(_feedId, 0, _gameId, _tick, _price, GamePhase.Active, true, false, at);

    private void StartCooldown()
    {
        _tick = -1;
        _cooldownLeft = _cooldownTicks;
        var date = NextDue.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        _gameId = $"{date}-{_random.Next():x16}";
    }
}
