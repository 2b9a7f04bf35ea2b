using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>Wire form of the engine's <see cref="ReplaySpeed"/>: the multiple of real time, 0 for <see cref="ReplaySpeed.Max"/>.</summary>
[GenerateSerializer]
[Alias("livesim.ReplaySpeed")]
public readonly record struct ReplaySpeedSurrogate([property: Id(0)] decimal Multiple);

/// <summary>Converts <see cref="ReplaySpeed"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class ReplaySpeedSurrogateConverter : IConverter<ReplaySpeed, ReplaySpeedSurrogate>
{
    public ReplaySpeed ConvertFromSurrogate(in ReplaySpeedSurrogate s) => s.Multiple == 0m ? ReplaySpeed.Max : ReplaySpeed.Of(s.Multiple);

    public ReplaySpeedSurrogate ConvertToSurrogate(in ReplaySpeed speed) => new(speed.Multiple ?? 0m);
}
