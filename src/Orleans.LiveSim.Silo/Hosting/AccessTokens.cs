using System.Security.Cryptography;
using System.Text;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>Session access tokens: 256 random bits, handed out once, kept by the session only as a SHA-256 hash.</summary>
public static class AccessTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string? token) =>
        string.IsNullOrEmpty(token) ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
