using System.Text.Json;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

public sealed class SessionConfigsTests
{
    private readonly SessionConfigs _configs = new();

    [Fact]
    public void Equal_configs_come_back_as_one_shared_object()
    {
        var first = Copy(SessionConfig.Default);
        var second = Copy(SessionConfig.Default);
        Assert.NotSame(first, second);

        Assert.Same(first, _configs.Share(first));
        Assert.Same(first, _configs.Share(second));
    }

    [Fact]
    public void A_config_that_differs_in_anything_stays_its_own()
    {
        var shared = _configs.Share(Copy(SessionConfig.Default));
        var richer = SessionConfig.Default with { StartingBalance = 0.2m };
        var named = SessionConfig.Default with { Name = "preset" };

        Assert.Same(richer, _configs.Share(richer));
        Assert.Same(named, _configs.Share(named));
        Assert.NotSame(shared, _configs.Share(richer));
    }

    private static SessionConfig Copy(SessionConfig config) =>
        JsonSerializer.Deserialize<SessionConfig>(JsonSerializer.Serialize(config, StoredStateSerializer.Options), StoredStateSerializer.Options)!;
}
