using System.Security.Cryptography;
using System.Text;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>
/// How a receiver checks that a POST came from us: <c>X-LiveSim-Signature: sha256=&lt;hex&gt;</c> is the HMAC-SHA256 of
/// the raw body with the webhook's secret. The other headers name the event (<c>X-LiveSim-Event-Id</c> =
/// <c>{sessionId}:{eventSeq}</c>, the same id as on the bus: deduplicate by it) and when it was sent.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-LiveSim-Signature";
    public const string EventIdHeader = "X-LiveSim-Event-Id";
    public const string EventTypeHeader = "X-LiveSim-Event-Type";
    public const string TimestampHeader = "X-LiveSim-Timestamp";
    public const string WebhookIdHeader = "X-LiveSim-Webhook-Id";
    public const string AttemptHeader = "X-LiveSim-Delivery-Attempt";

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The receiver's check, in constant time.</summary>
    public static bool Verify(string secret, byte[] body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
