namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>Webhooks (section <c>LiveSim:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "LiveSim:Webhooks";

    /// <summary>
    /// Hosts that may be targets even though they resolve to loopback, private or link-local addresses (an operator's
    /// own services). Default none: such URLs are refused (no SSRF).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Attempts per event before it is given up (logged as <c>failed</c>). Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; it doubles after each one. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one POST may take. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events queued per webhook; more are logged as dropped. Default 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Deliveries kept in a webhook's log. Default 100.</summary>
    public int LogSize { get; set; } = 100;

    /// <summary>
    /// Base64 of 32 random bytes (<c>openssl rand -base64 32</c>): webhook secrets are stored encrypted with it
    /// (AES-256-GCM) and decrypted only to sign. Every silo of a cluster needs the same key; a webhook registered under
    /// another key cannot sign (its deliveries fail, saying so). Default none: the secrets are stored as given (a
    /// signature needs the secret itself), and a silo on PostgreSQL warns at start-up.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Webhooks per session. Default 10.</summary>
    public int MaxPerSession { get; set; } = 10;
}
