using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.LiveSim.Silo.Contracts;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// The README's curl examples, taken from README.md and run as written (bash, from the repository's root) against the
/// real silo of the fixture: only its address differs from the README's 127.0.0.1:5080. They must succeed and say what
/// they promise, so the README cannot rot.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class ReadmeTests(HostFixture host)
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task The_readme_curl_examples_run_as_written_against_a_real_silo()
    {
        var script = Examples(await File.ReadAllTextAsync(Path.Combine(Root, "README.md")), "## A session, with curl");
        Assert.DoesNotContain("../shared", script, StringComparison.Ordinal);
        Assert.DoesNotContain("<recordingId>", script, StringComparison.Ordinal);
        // A reader takes longer than that to get here; the replay example asks for seq 1..40.
        await Poll.UntilAsync(() => host.Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo"), f => f.GetProperty("lastSeq").GetInt64() >= 40, "40 journaled demo ticks");
        var before = Directory.GetFileSystemEntries(Root, "*", SearchOption.TopDirectoryOnly).Order().ToArray();

        var (exit, output) = await RunAsync(script.Replace("http://127.0.0.1:5080", host.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));

        Assert.True(exit == 0, $"the README examples failed (exit {exit}):\n{output}");
        Assert.Contains("\"status\": \"running\"", output, StringComparison.Ordinal);
        Assert.Contains("event: snapshot", output, StringComparison.Ordinal);
        Assert.Contains("\"statusReason\": \"stopped_by_user\"", output, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(output, "\"statusReason\": \"replay_finished\"").Count);
        Assert.Contains("\"fromSeq\": 1,\n    \"toSeq\": 40,", output, StringComparison.Ordinal);
        Assert.Contains("\"messages\": 480,\n  \"ticks\": 300,\n  \"rounds\": 3", output, StringComparison.Ordinal);
        Assert.Contains("\"fromSeq\": 1,\n    \"toSeq\": 300,", output, StringComparison.Ordinal);
        Assert.Contains("\"ticks\": 300,\n  \"gamesSeen\": 3,\n  \"betsPlaced\": 6,", output, StringComparison.Ordinal);
        Assert.Contains("\"legacyFormat\": \"1\"", output, StringComparison.Ordinal);
        Assert.Contains("\"legacyFormat\": \"2.0.0\"", output, StringComparison.Ordinal);
        // The ledger, P&L and equity of the capture's replay; pause, resume and a live fork; a fork replaying to the same hash; latency.
        Assert.Contains("{\"betId\":1,\"gameId\":", output, StringComparison.Ordinal);
        Assert.Matches("Content-Disposition: attachment; filename=session-[0-9a-f]{32}-bets.csv", output);
        Assert.Contains("betId,gameId,outcome,startTick,stake,returned\n1,", output, StringComparison.Ordinal);
        Assert.Contains("{\"start\":\"2026-01-01T00:00:00+00:00\",\"betsPlaced\":6,\"betsWon\":2,\"betsLost\":3,", output, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Matches(output, "^(seq,at,equity,betId|\\d+,2026-01-01T[^,]+,[0-9.]+,\\d+)$", RegexOptions.Multiline).Count);
        Assert.Contains("{\"paused\":true,\"status\":\"running\"}\n{\"paused\":false,\"status\":\"running\"}", output, StringComparison.Ordinal);
        Assert.Contains("{\"forkOf\":true,\"mode\":\"live\",\"status\":\"running\",\"betSizes\":[0.002]}", output, StringComparison.Ordinal);
        var hashes = Regex.Matches(output, "\\{\"status\":\"completed\",\"stateHash\":\"([0-9a-f]{16})\"\\}").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.Equal(hashes[0], hashes[1]);
        Assert.Contains("{\"decisionTick\":20,\"startTick\":21,", output, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"sweep_update\",\n  \"status\": \"completed\",\n  \"progress\": {\n    \"variants\": 6,\n    \"done\": 6,", output, StringComparison.Ordinal);
        Assert.Contains("\n[\"team screen\"]\n", output, StringComparison.Ordinal);
        Assert.Matches("\\{\"variant\":\"[0-9a-f]{32}-0\",\"status\":\"completed\"\\}", output);
        Assert.Contains("{\"status\":403,\"title\":\"Read-only access.\"}", output, StringComparison.Ordinal);
        Assert.Contains("\n204\n", output, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"stopped\",\n  \"variants\": 4", output, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(Root, "*", SearchOption.TopDirectoryOnly).Order().ToArray());
    }

    [Fact]
    public async Task The_readme_account_examples_run_as_written_with_the_operator_key_in_OPERATOR_KEY()
    {
        var script = Examples(await File.ReadAllTextAsync(Path.Combine(Root, "README.md")), "## Accounts, keys and viewers");

        var (exit, output) = await RunAsync(
            script.Replace("http://127.0.0.1:5080", host.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal),
            ("OPERATOR_KEY", HostFixture.OperatorKey));

        Assert.True(exit == 0, $"the README account examples failed (exit {exit}):\n{output}");
        Assert.Equal(2, Regex.Matches(output, "\"status\": \"running\"").Count);
        Assert.Contains("event: snapshot", output, StringComparison.Ordinal);
        Assert.Contains("\"status\": 403,\n  \"title\": \"Read-only access.\"", output, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"research desk\"", output, StringComparison.Ordinal);
        Assert.Contains("\"runningSessions\": 1,", output, StringComparison.Ordinal);
        Assert.Contains("\"statusReason\": \"stopped_by_user\"", output, StringComparison.Ordinal);
        Assert.Contains("\"revoked\": true", output, StringComparison.Ordinal);
        Assert.Contains("\"status\": 401,\n  \"title\": \"Invalid API key.\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_legacy_files_are_valid_legacy_files()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "samples"), "legacy-*.json"))
        {
            var check = await new Contracts.CreateRequests().CheckAsync($$"""{"legacyStrategy": {{await File.ReadAllTextAsync(file)}}}""");

            Assert.True(check.Errors.Count == 0, $"{file}: {string.Join("; ", check.Errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            Assert.StartsWith("sample-", check.Config!.Name, StringComparison.Ordinal);
        }
    }

    /// <summary>The bash blocks of one README section (its heading line), in order, as one script.</summary>
    private static string Examples(string readme, string heading)
    {
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var blocks = BashBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 1, $"{heading} has its bash blocks");
        return "set -eu\n" + string.Join("\n", blocks);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.LiveSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Orleans.LiveSim.sln) is not above the test binaries.");
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
