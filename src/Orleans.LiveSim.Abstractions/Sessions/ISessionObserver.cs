namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>A front silo's room for one session: receives its events while someone watches it.</summary>
[Alias("livesim.ISessionObserver")]
public interface ISessionObserver : IGrainObserver
{
    [OneWay]
    [Alias("OnEvents")]
    Task OnEventsAsync(IReadOnlyList<SessionEventEnvelope> events);
}
