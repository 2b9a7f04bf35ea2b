namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>A rule a session config breaks: <see cref="Field"/> names the field in request terms (<c>startingBalance</c>, <c>numBets</c>, <c>betSizes[2]</c>).</summary>
public sealed record ConfigError(string Field, string Message);
