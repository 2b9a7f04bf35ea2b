namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>A rejected field of a session request: <see cref="Field"/> is its JSON path, e.g. <c>strategy.params.numBets</c>.</summary>
public sealed record ConfigError(string Field, string Message);
