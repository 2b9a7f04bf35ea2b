using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.EventBus.Webhooks;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>How webhook secrets are stored: encrypted (AES-256-GCM) under <c>LiveSim:Webhooks:SecretKey</c>, as given without it.</summary>
public sealed class WebhookSecretsTests
{
    private const string Secret = "a-webhook-secret-of-ours";

    [Fact]
    public void With_a_key_a_secret_is_stored_encrypted_under_a_fresh_nonce_and_opens_to_itself()
    {
        var secrets = With(NewKey());

        var first = secrets.Seal(Secret);
        var second = secrets.Seal(Secret);

        Assert.True(secrets.Encrypting);
        Assert.StartsWith("aes256gcm:", first, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal((Secret, Secret), (secrets.Open(first), secrets.Open(second)));
    }

    [Fact]
    public void Without_a_key_a_secret_is_stored_as_given()
    {
        var secrets = With(null);

        Assert.False(secrets.Encrypting);
        Assert.Equal("plain:" + Secret, secrets.Seal(Secret));
        Assert.Equal(Secret, secrets.Open("plain:" + Secret));
    }

    [Fact]
    public void A_secret_sealed_under_another_key_does_not_open_and_names_the_key_it_needs()
    {
        var sealedSecret = With(NewKey()).Seal(Secret);
        var keyId = sealedSecret.Split(':')[1];

        Assert.Contains($"key id {keyId}", Assert.Throws<WebhookSecretException>(() => With(NewKey()).Open(sealedSecret)).Message, StringComparison.Ordinal);
        Assert.Contains($"key id {keyId}", Assert.Throws<WebhookSecretException>(() => With(null).Open(sealedSecret)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_or_unknown_stored_secret_does_not_open()
    {
        var secrets = With(NewKey());
        var parts = secrets.Seal(Secret).Split(':');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[^1] ^= 1;

        Assert.Throws<WebhookSecretException>(() => secrets.Open($"{parts[0]}:{parts[1]}:{Convert.ToBase64String(bytes)}"));
        Assert.Throws<WebhookSecretException>(() => secrets.Open(Secret));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_at_start(string key)
    {
        Assert.Null(WebhookSecrets.ParseKey(key));
        Assert.Throws<InvalidOperationException>(() => With(key));
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static WebhookSecrets With(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));
}
