using System.Text.Json;
using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class ReplaySpeedTests
{
    [Theory]
    [InlineData("max", null)]
    [InlineData(" MAX ", null)]
    [InlineData("1", 1.0)]
    [InlineData("10", 10.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("1000", 1000.0)]
    public void Speed_parses_max_or_a_multiple_of_real_time(string text, double? expected)
    {
        Assert.True(ReplaySpeed.TryParse(text, out var speed));
        Assert.Equal(expected is null ? null : (decimal)expected, speed.Multiple);
        Assert.Equal(expected is null, speed.IsMax);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1000.5")]
    [InlineData("fast")]
    [InlineData("")]
    [InlineData(null)]
    public void Speed_rejects_anything_else(string? text) => Assert.False(ReplaySpeed.TryParse(text, out _));

    [Theory]
    [InlineData("\"max\"", "\"max\"")]
    [InlineData("2.5", "\"2.5\"")]
    [InlineData("\"2.5\"", "\"2.5\"")]
    [InlineData("1000", "\"1000\"")]
    public void Speed_reads_a_number_or_a_string_and_writes_a_string(string json, string written)
    {
        var speed = JsonSerializer.Deserialize<ReplaySpeed>(json);

        Assert.Equal(written, JsonSerializer.Serialize(speed));
        Assert.Equal(speed, JsonSerializer.Deserialize<ReplaySpeed>(written));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1e308")]
    [InlineData("true")]
    [InlineData("\"slow\"")]
    public void Speed_out_of_range_or_of_another_kind_is_a_json_error_saying_what_is_expected(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReplaySpeed>(json));

        Assert.Equal($"must be {ReplaySpeed.Expected}.", error.Message);
    }

    [Fact]
    public void Of_refuses_a_multiple_outside_the_range() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySpeed.Of(0m));
}
