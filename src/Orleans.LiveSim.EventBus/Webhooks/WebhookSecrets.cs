using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>
/// Keeps webhook secrets out of the stored session state where it can. An HMAC signature needs the secret itself (a
/// hash of it would sign just as well, so it would be no safer to store), so with <see cref="WebhookOptions.SecretKey"/>
/// set the front silo seals a secret as it arrives (AES-256-GCM, <c>aes256gcm:{keyId}:{nonce|tag|ciphertext}</c>) and
/// the webhook sender opens it only to sign; someone who reads the database alone cannot forge a delivery. Without a
/// key it is kept as given (<c>plain:{secret}</c>). The API never returns a secret either way.
/// </summary>
public sealed class WebhookSecrets
{
    private const string PlainPrefix = "plain:";
    private const string SealedPrefix = "aes256gcm:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[]? _key;
    private readonly string? _keyId;

    public WebhookSecrets(IOptions<WebhookOptions> options)
    {
        if (options.Value.SecretKey is { Length: > 0 } text)
        {
            _key = ParseKey(text) ?? throw new InvalidOperationException($"{WebhookOptions.Section}:SecretKey must be the base64 of 32 bytes (openssl rand -base64 32).");
            _keyId = KeyId(_key);
        }
    }

    /// <summary>Whether secrets are stored encrypted.</summary>
    public bool Encrypting => _key is not null;

    /// <summary>The key in <paramref name="base64"/>, or null when it is not the base64 of 32 bytes.</summary>
    public static byte[]? ParseKey(string base64)
    {
        var key = new byte[32];
        return Convert.TryFromBase64String(base64.Trim(), key, out var written) && written == key.Length ? key : null;
    }

    /// <summary>The form in which <paramref name="secret"/> is stored.</summary>
    public string Seal(string secret)
    {
        if (_key is null)
        {
            return PlainPrefix + secret;
        }

        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return $"{SealedPrefix}{_keyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The secret <paramref name="stored"/> holds.</summary>
    /// <exception cref="WebhookSecretException">It was sealed with another key, or with a key this silo does not have.</exception>
    public string Open(string stored)
    {
        if (stored.StartsWith(PlainPrefix, StringComparison.Ordinal))
        {
            return stored[PlainPrefix.Length..];
        }

        var parts = stored.Split(':');
        if (parts.Length != 3 || parts[0] + ":" != SealedPrefix)
        {
            throw new WebhookSecretException("the stored secret is not in a known form; register the webhook again");
        }

        if (_key is null || parts[1] != _keyId)
        {
            throw new WebhookSecretException($"the secret was encrypted with another {WebhookOptions.Section}:SecretKey (key id {parts[1]}); configure that key, or register the webhook again");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new WebhookSecretException("the stored secret does not decrypt with this key; register the webhook again");
        }

        return Encoding.UTF8.GetString(plain);
    }

    // Names the key without revealing it, so a stored secret says which key it needs.
    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
}

/// <summary>A stored webhook secret this silo cannot open.</summary>
public sealed class WebhookSecretException(string message) : Exception(message);
