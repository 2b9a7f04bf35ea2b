namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>Who may do what without an account, and how long API keys are cached (section <c>LiveSim:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "LiveSim:Auth";

    /// <summary>
    /// Whether callers without an API key may create sessions and upload recordings (<c>AllowAnonymous</c>). Default true
    /// (the embedded default: the README's commands just work); <c>silo-config/appsettings.Production.json</c> and the
    /// compose file set it to false. Without it, those requests are 401 unless they carry an API key or the operator key.
    /// </summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>
    /// How long a silo trusts what it looked up about an API key (<c>KeyCache</c>). Default 5 s. A key revoked through one
    /// silo is refused there at once, and by every other silo at most this long after.
    /// </summary>
    public TimeSpan KeyCache { get; set; } = TimeSpan.FromSeconds(5);
}
