using System.Globalization;

namespace Orleans.LiveSim.Testing;

/// <summary>
/// The legacy live simulator's bet sizing (its live_backtest_service.py, as issue 10 states it), evaluated as Python would (binary
/// floating point, left to right; <c>round(x, 3)</c> half to even on the float's value), written independently of the
/// engine's <c>LegacySizing</c> so tests can hold one against the other bet by bet.
/// </summary>
public static class LegacyFormula
{
    /// <param name="wallet">The free balance before the bet.</param>
    /// <param name="peak">The highest free balance seen at a rug (the starting balance before any).</param>
    /// <param name="betSizes">The strategy's bet_sizes.</param>
    /// <param name="betNumber">The bet's number in its round, from 1.</param>
    /// <param name="kelly">use_kelly_sizing.</param>
    /// <param name="kellyFraction">kelly_fraction.</param>
    /// <param name="dynamic">use_dynamic_sizing.</param>
    /// <param name="multiplier">high_confidence_multiplier.</param>
    /// <param name="reduceOnDrawdown">reduce_on_drawdown.</param>
    public static decimal Stake(decimal wallet, decimal peak, IReadOnlyList<decimal> betSizes, int betNumber, bool kelly, decimal kellyFraction, bool dynamic, decimal multiplier, bool reduceOnDrawdown)
    {
        var w = (double)wallet;
        var size = betNumber <= betSizes.Count ? (double)betSizes[betNumber - 1] : 0.001;
        if (kelly)
        {
            var full = 0.60 - ((1 - 0.60) / 5);
            size = Math.Max(0.0001, w * full * (double)kellyFraction / 4);
        }

        if (dynamic)
        {
            size *= (double)multiplier;
        }

        var p = (double)peak;
        if (reduceOnDrawdown && p > 0)
        {
            var dd = (p - w) / p;
            if (dd > 0.05)
            {
                size *= 1 - Math.Min(0.9, dd);
            }
        }

        return PythonRound3(Math.Max(0.001, size));
    }

    /// <summary>
    /// Python's <c>round(x, 3)</c>: 17 significant digits tell a double apart from every other, so they tell whether it
    /// lies above, below or on a tie; the decimal of them is then rounded half to even.
    /// </summary>
    public static decimal PythonRound3(double x) =>
        Math.Round(decimal.Parse(x.ToString("G17", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture), 3, MidpointRounding.ToEven);
}
