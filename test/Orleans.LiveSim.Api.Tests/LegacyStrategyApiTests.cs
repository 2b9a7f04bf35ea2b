using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class LegacyStrategyApiTests(HostFixture host)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedData.TryFind() is { } folder ? Directory.GetFiles(Path.Combine(folder, "legacy-strategies"), "*.json").Order().ToArray() : [])
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(Files))]
    public async Task Each_legacy_file_starts_a_session_whose_view_shows_its_mapped_parameters(string fileName)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(SharedData.LegacyStrategies, fileName));
        var file = JsonDocument.Parse(text).RootElement;
        var execution = file.TryGetProperty("execution", out var e) ? e : file.TryGetProperty("params", out var p) ? p : file;

        var asBody = await SessionClient.CreateAsync(host.Http, text);
        var asProperty = await SessionClient.CreateAsync(host.Http, $$$"""{"feedId":"demo","legacyStrategy":{{{text}}}}""");

        foreach (var s in new[] { asBody, asProperty })
        {
            var parameters = s.View.GetProperty("strategy").GetProperty("parameters");
            Assert.Equal(execution.GetProperty("entry_tick").GetInt32(), parameters.GetProperty("entryTick").GetInt32());
            Assert.Equal(execution.GetProperty("num_bets").GetInt32(), parameters.GetProperty("numBets").GetInt32());
            Assert.Equal(
                execution.GetProperty("bet_sizes").EnumerateArray().Select(x => x.GetDecimal()),
                parameters.GetProperty("betSizes").EnumerateArray().Select(x => x.GetDecimal()));
            var balance = file.TryGetProperty("initial_balance", out var b) ? b : execution.GetProperty("initial_balance");
            Assert.Equal(balance.GetDecimal(), s.View.GetProperty("wallet").GetProperty("startingBalance").GetDecimal());
            Assert.Equal(file.GetProperty("name").GetString(), s.View.GetProperty("strategy").GetProperty("name").GetString());
            Assert.Equal("running", s.View.GetProperty("status").GetString());
        }
    }
}
