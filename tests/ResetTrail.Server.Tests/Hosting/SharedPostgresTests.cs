using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Tests.Cases;
using ResetTrail.Storage.Postgres;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Testing;

namespace ResetTrail.Server.Tests.Hosting;

/// <summary>
/// Two servers on one PostgreSQL database, as an installation with two API nodes runs: both start at once on an
/// empty database, concurrent clients open and advance cases with every step sent to either server, and afterwards
/// the whole log is audited (gapless, every checkpoint signed and consistent with the next) and every case replays
/// from its evidence to the state the case index holds.
/// </summary>
public sealed class SharedPostgresTests
{
    private const int Clients = 6;
    private const int CasesPerClient = 4;
    private const int EntriesPerCase = 10; // open, verify, approve, execute, five tasks, close

    private static readonly string[] Tasks = ["revoke_sessions", "reenrol_factors", "notify_user", "notify_manager", "follow_up"];

    [Fact]
    public async Task Two_servers_on_one_database_share_one_gapless_log_and_every_case_replays_to_its_stored_state()
    {
        using var postgres = TemporaryPostgres.Start();
        var database = postgres.CreateDatabase("shared");
        var keys = Directory.CreateTempSubdirectory("resettrail-shared-keys-").FullName;
        try
        {
            ServerSettings Shared(ServerSettings settings) => settings with { Db = database, KeyFile = Path.Combine(keys, "log.key") };
            var starting = new[] { Task.Run(() => RunningServer.StartAsync(Shared)), Task.Run(() => RunningServer.StartAsync(Shared)) };
            await using var first = await starting[0];
            await using var second = await starting[1];
            RunningServer[] servers = [first, second];
            Assert.Equal(first.Database.Log.Verifier.ToString(), second.Database.Log.Verifier.ToString());
            Assert.NotEqual(first.Address, second.Address);
            await CaseApiTests.Publish(second);

            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(() => DriveCases(servers, client))));

            var expectedSize = 1UL + (Clients * CasesPerClient * EntriesPerCase);
            Assert.Equal(expectedSize, first.Database.Log.LatestCheckpoint().Size);
            Assert.Equal(expectedSize, second.Database.Log.LatestCheckpoint().Size);
            VerifyLog(database, first.Database.Log.Verifier.ToString(), expectedSize);
            VerifyCases(database, Path.Combine(keys, "log.key"), first.Time);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    /// <summary>One desk's client: its cases, each step on the server the step number picks, tokens minted on either.</summary>
    private static async Task DriveCases(RunningServer[] servers, int client)
    {
        // A token created through one server authenticates on the other: both read the same api_tokens table.
        var desk = servers[client % 2].TokenFor($"desk.{client}", Role.DeskAgent);
        var lead = servers[(client + 1) % 2].TokenFor($"lead.{client}", Role.Approver);
        var exec = servers[client % 2].TokenFor($"exec.{client}", Role.Executor);
        var step = client;
        HttpClient Next(string token)
        {
            var http = servers[step++ % 2].Anonymous();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        for (var n = 0; n < CasesPerClient; n++)
        {
            var id = $"rc-shared-{client}-{n}";
            await Send(Next(desk), $"api/v1/cases/", CaseApiTests.OpenBody(id), HttpStatusCode.Created);
            await Send(Next(desk), $"api/v1/cases/{id}/verify", new { method = "callback_on_record", result = "passed" });
            string? digest;
            using (var reader = Next(lead))
            {
                digest = (await reader.GetFromJsonAsync<JsonElement>($"api/v1/cases/{id}")).GetProperty("approval_digest").GetString();
            }

            await Send(Next(lead), $"api/v1/cases/{id}/approve", new { authority = "service_desk_lead", digest });
            await Send(Next(exec), $"api/v1/cases/{id}/execute", new { idp_event = $"okta:evt-{client}-{n}" });
            foreach (var task in Tasks)
            {
                await Send(Next(exec), $"api/v1/cases/{id}/task", new { task });
            }

            await Send(Next(desk), $"api/v1/cases/{id}/close", new { note = "done" });
        }
    }

    private static async Task Send(HttpClient http, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (http)
        {
            using var answer = await http.PostAsJsonAsync(path, body);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == expected, $"{path} on {http.BaseAddress}: {(int)answer.StatusCode} {text}");
        }
    }

    /// <summary>Entries 0..size-1 with no gap; the audit recomputes every hash; each checkpoint is signed and consistent with the next.</summary>
    private static void VerifyLog(string database, string verifierText, ulong size)
    {
        var time = TimeProvider.System;
        using var log = PostgresEvidenceLog.Open(database, keyPath: null, time).Value;
        Assert.Equal(Enumerable.Range(0, (int)size).Select(i => (ulong)i), log.ReadEntries(0, size).Select(e => e.Index));
        var audit = log.Audit([log.Verifier]);
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.Equal(verifierText, log.Verifier.ToString());

        var sizes = CheckpointSizes(database);
        Assert.Equal(0UL, sizes[0]);
        Assert.Equal(size, sizes[^1]);
        Checkpoint? previous = null;
        foreach (var at in sizes)
        {
            var opened = Checkpoint.Open(log.CheckpointAt(at).Value.SignedNote, log.Origin, [log.Verifier]);
            Assert.True(opened.IsSuccess, opened.Error);
            if (previous is { Size: > 0 } older)
            {
                var proof = log.ConsistencyProof(older.Size, at).Value;
                var check = ProofVerifier.VerifyConsistency(older.Size, at, proof, older.RootHash, opened.Value.RootHash);
                Assert.True(check.IsValid, $"checkpoint {older.Size} -> {at}: {check.Error}");
            }

            previous = opened.Value;
        }
    }

    /// <summary>Every case closed with its ten entries; the index rebuilt from the log alone equals the index the servers wrote.</summary>
    private static void VerifyCases(string database, string keyPath, TimeProvider time)
    {
        using var log = PostgresEvidenceLog.Open(database, keyPath, time).Value;
        var store = new PostgresCaseStore(log);
        var written = store.List(new CaseQuery { Limit = int.MaxValue }).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        Assert.Equal(Clients * CasesPerClient, written.Count);
        var entries = new HashSet<ulong>();
        foreach (var summary in written)
        {
            var replayed = store.Find(summary.CaseId)!;
            Assert.Equal((CaseState.Closed, summary.State), (replayed.State, summary.State));
            var indices = store.EntryIndices(summary.CaseId);
            Assert.Equal(EntriesPerCase, indices.Count);
            Assert.All(indices, index => Assert.True(entries.Add(index), $"entry {index} belongs to two cases"));
            Assert.Equal(indices.Order(), indices);
        }

        Assert.Equal(written.Count, store.RebuildIndexes());
        Assert.Equal(written, store.List(new CaseQuery { Limit = int.MaxValue }).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList());
    }

    private static List<ulong> CheckpointSizes(string database)
    {
        using var connection = new NpgsqlConnection(PostgresDatabase.ConnectionString(database).Value);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT size FROM log_checkpoints ORDER BY size", connection);
        using var rows = command.ExecuteReader();
        var sizes = new List<ulong>();
        while (rows.Read())
        {
            sizes.Add((ulong)rows.GetInt64(0));
        }

        return sizes;
    }
}
