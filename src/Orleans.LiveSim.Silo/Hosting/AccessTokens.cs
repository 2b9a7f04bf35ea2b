using System.Security.Cryptography;
using System.Text;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>Session access tokens: 256 random bits, handed out once, kept by the session only as a SHA-256 hash.</summary>
public static class AccessTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string? token) =>
        string.IsNullOrEmpty(token) ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The token of a request: <c>Authorization: Bearer</c>, or <c>access_token</c> in the query where browsers cannot set headers.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query["access_token"].FirstOrDefault();
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
