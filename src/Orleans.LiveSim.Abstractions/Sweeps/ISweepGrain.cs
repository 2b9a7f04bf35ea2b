using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>
/// A parameter sweep: one ordinary session per variant of its grid, created by this grain, which gathers what the
/// variants report and ranks them. Keyed by sweep id. Calls carry the <see cref="Caller"/>; the sweep decides its
/// <see cref="AccessLevel"/> as a session does.
/// </summary>
[Alias("livesim.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Creates the sweep and starts creating its variants. Conflict if the id is taken.</summary>
    [Alias("Create")]
    Task<SweepReply> CreateAsync(CreateSweepCommand command);

    /// <summary>Status, progress, and the best and worst <paramref name="top"/> variants by the sweep's metric.</summary>
    [Alias("Get")]
    Task<SweepReply> GetAsync(Caller caller, int top);

    /// <summary>Every variant that has reported, in rank order.</summary>
    [Alias("GetVariants")]
    Task<SweepVariantsReply> GetVariantsAsync(Caller caller);

    /// <summary>Stops the sweep and its variants (idempotent).</summary>
    [Alias("Stop")]
    Task<SweepReply> StopAsync(Caller caller);

    /// <summary>Stops the sweep and deletes it and its variant sessions.</summary>
    [Alias("Delete")]
    Task<SessionAccess> DeleteAsync(Caller caller);

    /// <summary>A variant's session reports where it stands (throttled, and once when it ends).</summary>
    [OneWay]
    [Alias("Report")]
    Task ReportAsync(VariantResult result);
}
