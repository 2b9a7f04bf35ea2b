using System.Globalization;
using System.Net;
using System.Text.Json;
using static Orleans.LiveSim.Api.Tests.History.HistoryClient;

namespace Orleans.LiveSim.Api.Tests.History;

/// <summary>
/// The bet ledger, P&amp;L and equity endpoints over one replay of 2.5 hours of feed time (about 900 rows: bets won,
/// lost, voided at the end, and skipped because a rug came before their delayed placement), checked against the session's own view and against sums made here from the rows.
/// </summary>
[Collection(HistoryCollection.Name)]
public sealed class LedgerApiTests(HistoryHostFixture host)
{
    private HttpClient Http => host.Http;

    private Task<(CreatedSession Session, JsonElement View)> AggressiveAsync() =>
        host.OnceAsync("aggressive", async () => await CompletedReplayAsync(Http, RecordingReplay(await host.LongRecordingAsync(), Delayed)));

    [Fact]
    public async Task Every_bet_placed_is_a_ledger_row_and_the_rows_sum_to_the_wallet()
    {
        var (s, view) = await AggressiveAsync();

        var rows = await BetsAsync(Http, s, limit: 97);

        var bets = rows.Where(IsBet).ToList();
        Assert.Equal(Stat(view, "betsPlaced"), bets.Count);
        Assert.Equal(Stat(view, "betsSkipped"), rows.Count - bets.Count);
        Assert.True(Stat(view, "betsWon") > 0 && Stat(view, "betsLost") > 0 && rows.Count > bets.Count, "the replay wins, loses and skips bets");
        var seqs = rows.Select(r => r.GetProperty("eventSeq").GetInt64()).ToList();
        Assert.Equal(seqs.Order().Distinct(), seqs);
        Assert.Equal(Stat(view, "betsWon"), bets.Count(b => Outcome(b) == "won"));
        Assert.Equal(Stat(view, "betsLost"), bets.Count(b => Outcome(b) == "lost"));
        Assert.Equal(Stat(view, "betsVoided"), bets.Count(b => Outcome(b) == "voided"));
        var wallet = view.GetProperty("wallet");
        Assert.Equal(Money(wallet, "balance"), 1m - bets.Sum(b => Money(b, "stake")) + bets.Sum(b => Money(b, "returned")));
        foreach (var bet in bets)
        {
            var (start, end, stake) = (bet.GetProperty("startTick").GetInt32(), bet.GetProperty("endTick").GetInt32(), Money(bet, "stake"));
            Assert.Equal(start + 40, end);
            Assert.Equal(0.001m, stake);
            Assert.Equal("standard", bet.GetProperty("sizing").GetProperty("profile").GetString());
            Assert.Equal("fixed", bet.GetProperty("sizing").GetProperty("mode").GetString());
            Assert.True(bet.GetProperty("settledAtSeq").GetInt64() >= bet.GetProperty("placedAtSeq").GetInt64());
            switch (Outcome(bet))
            {
                case "won":
                    Assert.Equal(5 * stake, Money(bet, "returned"));
                    Assert.InRange(bet.GetProperty("rugTick").GetInt32(), start, end - 1);
                    break;
                case "lost":
                    Assert.Equal(0m, Money(bet, "returned"));
                    // Lost when its window closed without a rug (the rug is not known yet), or at a rug after it.
                    Assert.True(bet.GetProperty("rugTick").ValueKind == JsonValueKind.Null || bet.GetProperty("rugTick").GetInt32() >= end, $"a lost bet's window {start}..{end} holds its rug");
                    break;
                default:
                    Assert.Equal(stake, Money(bet, "returned"));
                    break;
            }
        }

        foreach (var skipped in rows.Where(r => !IsBet(r)))
        {
            Assert.Equal(JsonValueKind.Null, skipped.GetProperty("stake").ValueKind);
            Assert.False(string.IsNullOrEmpty(skipped.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task The_ledger_exports_as_csv_and_ndjson_files_holding_the_rows_of_its_pages()
    {
        var (s, _) = await AggressiveAsync();
        var rows = await BetsAsync(Http, s);

        var (csv, csvResponse) = await FileAsync(Http, $"/live-sim/sessions/{s.Id}/bets?format=csv", s.Token);
        var (ndjson, ndjsonResponse) = await FileAsync(Http, $"/live-sim/sessions/{s.Id}/bets?format=ndjson", s.Token);

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"session-{s.Id}-bets.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/x-ndjson", ndjsonResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"session-{s.Id}-bets.ndjson", ndjsonResponse.Content.Headers.ContentDisposition?.FileNameStar ?? ndjsonResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(rows.Select(r => r.GetRawText()), ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var table = ParseCsv(csv);
        var header = table[0];
        Assert.Equal(32, header.Length);
        Assert.Equal(rows.Count, table.Count - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            var line = table[i + 1];
            Assert.Equal(header.Length, line.Length);
            foreach (var name in new[] { "eventSeq", "betId", "gameId", "outcome", "placedAtSeq", "startTick", "endTick", "stake", "returned", "rugTick", "balanceAfter", "settledAtSeq", "reason" })
            {
                Assert.Equal(Text(rows[i].GetProperty(name)), line[Array.IndexOf(header, name)]);
            }

            Assert.Equal(rows[i].GetProperty("placedAt").GetDateTimeOffset(), DateTimeOffset.Parse(line[Array.IndexOf(header, "placedAt")], CultureInfo.InvariantCulture));
            if (IsBet(rows[i]))
            {
                Assert.Equal(rows[i].GetProperty("sizing").GetProperty("wanted").GetDecimal(), decimal.Parse(line[Array.IndexOf(header, "wantedStake")], CultureInfo.InvariantCulture));
            }
        }

        var (wonCsv, _) = await FileAsync(Http, $"/live-sim/sessions/{s.Id}/bets?format=csv&outcome=won", s.Token);
        Assert.Equal(rows.Count(r => Outcome(r) == "won"), ParseCsv(wonCsv).Count - 1);
    }

    [Fact]
    public async Task Ledger_rows_filter_by_outcome_and_by_round()
    {
        var (s, view) = await AggressiveAsync();
        var rows = await BetsAsync(Http, s);
        var round = rows.GroupBy(r => r.GetProperty("gameId").GetString()).First(g => g.Count() > 2);

        var won = await BetsAsync(Http, s, "&outcome=won", limit: 50);
        var skipped = await BetsAsync(Http, s, "&outcome=skipped");
        var ofRound = await BetsAsync(Http, s, $"&gameId={round.Key}", limit: 2);

        Assert.Equal(rows.Where(r => Outcome(r) == "won").Select(r => r.GetRawText()), won.Select(r => r.GetRawText()));
        Assert.Equal(Stat(view, "betsWon"), won.Count);
        Assert.Equal(Stat(view, "betsSkipped"), skipped.Count);
        Assert.All(skipped, r => Assert.Equal("skipped", Outcome(r)));
        Assert.Equal(round.Select(r => r.GetRawText()), ofRound.Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task Ledger_queries_name_the_bad_field_and_need_the_sessions_token()
    {
        var (s, _) = await AggressiveAsync();

        foreach (var (query, field) in new[]
        {
            ("bets?limit=0", "limit"), ("bets?limit=1001", "limit"), ("bets?outcome=maybe", "outcome"), ("bets?format=xml", "format"),
            ("bets?after=-1", "after"), ("pnl?interval=month", "interval"), ("equity?format=xlsx", "format"),
        })
        {
            var (status, problem) = await SendAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/{query}", s.Token);
            Assert.True(status == HttpStatusCode.BadRequest, $"{query}: {(int)status}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} names {field}: {problem}");
        }

        foreach (var what in new[] { "bets", "pnl", "equity", "bets?format=csv" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/{what}", null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/{what}", "not-the-token")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Http, HttpMethod.Get, $"/live-sim/sessions/no-such-session/{what}", s.Token)).Status);
        }
    }

    [Fact]
    public async Task Pnl_by_hour_day_and_week_of_the_feeds_time_adds_up_to_the_session_and_to_its_rows()
    {
        var (s, view) = await AggressiveAsync();
        var rows = await BetsAsync(Http, s);
        var bets = rows.Where(IsBet).ToList();
        var sunday = HistoryHostFixture.LongStart.Date;
        var expectedStarts = new Dictionary<string, DateTimeOffset[]>
        {
            ["hour"] = [At(sunday, 22), At(sunday, 23), At(sunday.AddDays(1), 0), At(sunday.AddDays(1), 1)],
            ["day"] = [At(sunday, 0), At(sunday.AddDays(1), 0)],
            ["week"] = [At(sunday.AddDays(-6), 0), At(sunday.AddDays(1), 0)],
        };

        foreach (var (interval, starts) in expectedStarts)
        {
            var report = await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/pnl?interval={interval}", s.Token);

            Assert.Equal(interval, report.GetProperty("interval").GetString());
            Assert.True(report.GetProperty("complete").GetBoolean());
            var periods = report.GetProperty("periods").EnumerateArray().ToList();
            Assert.Equal(starts, periods.Select(p => p.GetProperty("start").GetDateTimeOffset()));
            var equity = 1m;
            foreach (var p in periods)
            {
                var (from, to) = (p.GetProperty("start").GetDateTimeOffset(), p.GetProperty("end").GetDateTimeOffset());
                bool Placed(JsonElement r) => r.GetProperty("placedAt").GetDateTimeOffset() is var t && t >= from && t < to;
                bool Settled(JsonElement r) => r.GetProperty("settledAt").ValueKind != JsonValueKind.Null && r.GetProperty("settledAt").GetDateTimeOffset() is var t && t >= from && t < to;
                var settled = bets.Where(Settled).ToList();
                Assert.Equal(bets.Count(Placed), p.GetProperty("betsPlaced").GetInt64());
                Assert.Equal(rows.Count(r => !IsBet(r) && Placed(r)), p.GetProperty("betsSkipped").GetInt64());
                Assert.Equal(settled.Count(b => Outcome(b) == "won"), p.GetProperty("betsWon").GetInt64());
                Assert.Equal(settled.Count(b => Outcome(b) == "lost"), p.GetProperty("betsLost").GetInt64());
                Assert.Equal(bets.Where(Placed).Sum(b => Money(b, "stake")), Money(p, "wagered"));
                var net = settled.Sum(b => Money(b, "returned") - Money(b, "stake"));
                Assert.Equal(net, Money(p, "netPnl"));
                equity += net;
                Assert.Equal(equity, Money(p, "equity"));
            }

            Assert.Equal(Stat(view, "betsPlaced"), periods.Sum(p => p.GetProperty("betsPlaced").GetInt64()));
            Assert.Equal(Money(view.GetProperty("stats"), "netPnl"), periods.Sum(p => Money(p, "netPnl")));
            Assert.Equal(Money(view.GetProperty("wallet"), "equity"), Money(periods[^1], "equity"));
        }
    }

    [Fact]
    public async Task The_whole_equity_curve_exports_every_settlement_not_only_the_last_500()
    {
        var (s, view) = await AggressiveAsync();
        var bets = (await BetsAsync(Http, s)).Where(IsBet).ToList();
        var decided = bets.Where(b => Outcome(b) is "won" or "lost").OrderBy(b => b.GetProperty("settledAtSeq").GetInt64()).ThenBy(b => b.GetProperty("betId").GetInt64()).ToList();

        var curve = (await OkAsync(Http, HttpMethod.Get, $"/live-sim/sessions/{s.Id}/equity", s.Token)).EnumerateArray().ToList();
        var (csv, csvResponse) = await FileAsync(Http, $"/live-sim/sessions/{s.Id}/equity?format=csv", s.Token);
        var (ndjson, _) = await FileAsync(Http, $"/live-sim/sessions/{s.Id}/equity?format=ndjson", s.Token);

        Assert.True(decided.Count > 500, $"the replay settles more bets than the view keeps ({decided.Count})");
        Assert.Equal(decided.Count, curve.Count);
        Assert.Equal(decided.Select(b => b.GetProperty("betId").GetInt64()), curve.Select(p => p.GetProperty("betId").GetInt64()));
        Assert.Equal(decided.Select(b => b.GetProperty("settledAtSeq").GetInt64()), curve.Select(p => p.GetProperty("seq").GetInt64()));
        var kept = view.GetProperty("stats").GetProperty("equityCurve").EnumerateArray().Select(p => (p.GetProperty("seq").GetInt64(), p.GetProperty("equity").GetDecimal()));
        Assert.Equal(kept, curve.TakeLast(500).Select(p => (p.GetProperty("seq").GetInt64(), p.GetProperty("equity").GetDecimal())));
        Assert.Equal(curve.Select(p => p.GetRawText()), ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"session-{s.Id}-equity.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName);
        var table = ParseCsv(csv);
        Assert.Equal(["seq", "at", "equity", "betId"], table[0]);
        Assert.Equal(curve.Select(p => Text(p.GetProperty("equity"))), table.Skip(1).Select(l => l[2]));
    }

    private static string? Outcome(JsonElement row) => row.GetProperty("outcome").GetString();

    private static DateTimeOffset At(DateTime day, int hour) => new(day.AddHours(hour), TimeSpan.Zero);

    /// <summary>A JSON value as the CSV writes it: numbers and strings as they are, null as an empty field.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>RFC 4180: fields split at commas outside quotes, doubled quotes inside them; lines end with \n.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    lines.Add([.. fields]);
                    fields.Clear();
                }
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(fields.Count == 0 && field.Length == 0, "the CSV ends with a line end");
        return lines;
    }
}
