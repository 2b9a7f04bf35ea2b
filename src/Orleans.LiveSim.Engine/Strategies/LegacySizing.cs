using System.Numerics;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Engine.Strategies;

/// <summary>
/// The legacy live simulator's sizing (its <c>_calculate_bet_size</c>), reproduced for <see cref="SizingProfile.Legacy"/>,
/// so a legacy strategy file stakes what the legacy system staked, bet by bet:
/// <list type="number">
/// <item>base = <c>betSizes[k]</c>, or 0.001 beyond the list (the last stake does not repeat).</item>
/// <item>Kelly: base = <c>max(0.0001, wallet * (0.60 - (1 - 0.60) / 5) * kellyFraction / 4)</c>: a 60 % win rate, the
/// payout 5 as divisor, divided over 4 bets, of the wallet (the free balance).</item>
/// <item>Dynamic: base *= <c>dynamicMultiplier</c>, always (the legacy never checked a confidence).</item>
/// <item>Drawdown: with <c>dd = (peak - wallet) / peak</c>, where peak is the highest wallet seen at a rug (it starts at the
/// starting balance): when <c>dd &gt; 0.05</c>, base *= <c>1 - min(0.9, dd)</c>.</item>
/// <item>size = <c>round(max(0.001, base), 3)</c> as Python rounds a float: half to even on the exact binary value.</item>
/// </list>
/// The legacy computed in binary floating point, so these steps do too (in the legacy's order of operations), on the
/// wallet's value as a double: rounding a float that lies just above or below a tie (1.0 * 0.52 * 0.25 / 4 =
/// 0.03250000000000000111) decides the stake (0.033 here, where exact decimal arithmetic gives a tie). The stake that
/// results is an exact decimal of 3 places, capped by the rules at the free balance (the legacy skipped the bet instead).
/// </summary>
public static class LegacySizing
{
    /// <summary>The base stake of a bet beyond the configured list.</summary>
    public const decimal BeyondList = 0.001m;

    private const double KellyWinRate = 0.60;
    private const double KellyDivisor = 5;
    private const double BetsPerRound = 4;
    private const double KellyFloor = 0.0001;
    private const double SizeFloor = 0.001;
    private const double DrawdownStart = 0.05;
    private const double MaxReduction = 0.9;

    /// <summary>The stake the legacy sized for a bet with base stake <paramref name="baseStake"/>, and how.</summary>
    public static SizingTrace Size(SizingParameters sizing, SessionState state, decimal baseStake)
    {
        var wallet = (double)state.Balance;
        var size = (double)baseStake;
        decimal? bankroll = null;
        if (sizing.Mode == SizingMode.Kelly)
        {
            var fullKelly = KellyWinRate - ((1 - KellyWinRate) / KellyDivisor);
            size = Math.Max(KellyFloor, wallet * fullKelly * (double)sizing.KellyFraction / BetsPerRound);
            bankroll = state.Balance;
        }

        var modeStake = size;
        var dynamicFactor = 1.0;
        if (sizing.UsesDynamic)
        {
            dynamicFactor = (double)sizing.DynamicMultiplier;
            size *= dynamicFactor;
        }

        decimal? drawdown = null;
        var drawdownFactor = 1.0;
        var peak = (double)state.PeakBalance;
        if (sizing.UsesDrawdownReduction && peak > 0)
        {
            var dd = (peak - wallet) / peak;
            drawdown = Exact(dd);
            if (dd > DrawdownStart)
            {
                drawdownFactor = 1 - Math.Min(MaxReduction, dd);
                size *= drawdownFactor;
            }
        }

        var wanted = RoundHalfEven(Math.Max(SizeFloor, size), 3);
        return new SizingTrace(SizingProfile.Legacy, sizing.Mode, baseStake, bankroll, null, Exact(modeStake), null, Exact(dynamicFactor), drawdown, Exact(drawdownFactor), wanted);
    }

    /// <summary>
    /// Python's <c>round(x, digits)</c> of a finite double: the decimal of <paramref name="digits"/> places nearest to the
    /// double's exact binary value, ties to even. .NET's <see cref="Math.Round(double, int)"/> scales first and can round twice.
    /// </summary>
    public static decimal RoundHalfEven(double x, int digits)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // |x| = mantissa * 2^(exponent - 1075); scaled by 10^digits and divided exactly.
        var shift = exponent - 1075;
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        var denominator = BigInteger.One;
        if (shift > 0)
        {
            numerator <<= shift;
        }
        else
        {
            denominator <<= -shift;
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var result = (decimal)quotient / (decimal)BigInteger.Pow(10, digits);
        return negative ? -result : result;
    }

    // The shown intermediate values (not the stake): the double's value to 15 significant digits.
    private static decimal Exact(double value) => (decimal)value;
}
