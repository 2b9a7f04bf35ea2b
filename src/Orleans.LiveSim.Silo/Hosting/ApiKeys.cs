using System.Security.Cryptography;
using Orleans.LiveSim.Abstractions.Accounts;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// API keys: <c>lsk_</c> and 256 random bits (base64url), shown once when made and kept only as their SHA-256. A request
/// sends one as <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    private const string KeyPrefix = "lsk_";

    /// <summary>Characters of a key kept in the clear (<see cref="ApiKeyInfo.Prefix"/>), so its holder can tell keys apart.</summary>
    public const int ShownPrefix = 12;

    public static string NewKey() => KeyPrefix + AccessTokens.New();

    public static string NewKeyId() => ApiKeyInfo.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string NewAccountId() => Account.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The key a request carries (null when none), and the header it came in, for a 401 to name.</summary>
    /// <exception cref="Contracts.InvalidRequestException">401: two different keys.</exception>
    public static (string? Key, string Field) From(HttpRequest request)
    {
        var header = request.Headers[Header];
        var authorization = request.Headers.Authorization.ToString();
        // "ApiKey <key>"; a bare "ApiKey" is an empty key (refused), not the absence of one.
        var fromAuthorization = authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && (authorization.Length == Scheme.Length || authorization[Scheme.Length] == ' ')
            ? authorization[Scheme.Length..].Trim()
            : null;
        var fromHeader = header.Count > 0 ? header.ToString().Trim() : null;
        if (fromAuthorization is not null && fromHeader is not null && fromAuthorization != fromHeader)
        {
            throw new Contracts.InvalidRequestException("Invalid API key.", Header, "The request carries two different API keys (Authorization and X-Api-Key).", StatusCodes.Status401Unauthorized);
        }

        return fromHeader is not null ? (fromHeader, Header) : (fromAuthorization, "Authorization");
    }
}
