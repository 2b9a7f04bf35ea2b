namespace Orleans.LiveSim.Engine.Ticks;

/// <summary>Phase of a crash-game round as the provider reports it.</summary>
public enum GamePhase
{
    /// <summary>Between rounds; <c>cooldownTimer</c> counts down.</summary>
    Cooldown = 0,

    /// <summary>Pre-round buys are allowed; the round has not started.</summary>
    Presale = 1,

    /// <summary><c>active &amp;&amp; !rugged</c>: the only phase in which a sidebet may be placed.</summary>
    Active = 2,

    /// <summary>The round has ended (<c>rugged == true</c>).</summary>
    Rugged = 3,
}
