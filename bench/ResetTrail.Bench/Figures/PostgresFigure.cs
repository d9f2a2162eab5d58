using Npgsql;
using NpgsqlTypes;
using ResetTrail.Bench.Harness;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.Testing;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 9: the PostgreSQL store beside the SQLite store in the same run, on a PostgreSQL server the bench starts
/// the way the tests do (fsync on): durable single and batched appends with one and four clients, case lifecycles,
/// inclusion proofs served, and batched durable appends against a binary COPY of the same rows into a plain table.
/// </summary>
internal static class PostgresFigure
{
    private const int Clients = 4;
    private const int Batch = 256;
    private const int CopyChunk = 16_384;

    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        using var server = TemporaryPostgres.Start();
        var entries = Entries.Pool(4096, seed: 9);
        var next = 0;
        byte[][] Take(int count) => [.. Enumerable.Range(0, count).Select(_ => entries[Interlocked.Increment(ref next) % entries.Length])];

        var pgUrl = server.CreateDatabase("bench");
        var pgKey = workspace.PathFor("pg.key");
        using var pg = PostgresEvidenceLog.Initialize(pgUrl, BenchLog.Origin, pgKey, TimeProvider.System).Value;
        var sqlitePath = workspace.PathFor("fig9.db");
        var sqliteKey = workspace.PathFor("fig9.key");
        using var sqlite = SqliteEvidenceLog.Initialize(sqlitePath, BenchLog.Origin, sqliteKey, TimeProvider.System).Value;

        double Appends(IEvidenceLog log, int batch) => Timed.Rate(options.Window, () => log.Append(Take(batch)).Count);
        double Concurrent(Func<IEvidenceLog> open, int batch)
        {
            var logs = Enumerable.Range(0, Clients).Select(_ => open()).ToList();
            try
            {
                var counts = new long[Clients];
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                var threads = logs.Select((log, i) => new Thread(() =>
                {
                    while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < options.Window)
                    {
                        counts[i] += log.Append(Take(batch)).Count;
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                return counts.Sum() / System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            finally
            {
                logs.ForEach(l => l.Dispose());
            }
        }

        IEvidenceLog OpenPg() => PostgresEvidenceLog.Open(pgUrl, pgKey, TimeProvider.System).Value;
        IEvidenceLog OpenSqlite() => SqliteEvidenceLog.Open(sqlitePath, sqliteKey, TimeProvider.System).Value;

        Appends(pg, 1);
        Appends(sqlite, 1);
        var single = Paired.Run(options.Repetitions, () => Appends(pg, 1), () => Appends(sqlite, 1));
        var singleFour = Paired.Run(options.Repetitions, () => Concurrent(OpenPg, 1), () => Concurrent(OpenSqlite, 1));
        var batched = Paired.Run(options.Repetitions, () => Appends(pg, Batch), () => Appends(sqlite, Batch));
        var batchedFour = Paired.Run(options.Repetitions, () => Concurrent(OpenPg, Batch), () => Concurrent(OpenSqlite, Batch));

        var policy = CaseLifecycle.SamplePolicy();
        var pgCases = new CaseLifecycle(new PostgresCaseStore(pg), policy, "pg");
        var sqliteCases = new CaseLifecycle(new SqliteCaseStore(sqlite), policy, "sqlite");
        var perLifecycle = pgCases.Run();
        sqliteCases.Run();
        var lifecycles = Paired.Run(options.Repetitions, () => Timed.Rate(options.Window, () => pgCases.Run()), () => Timed.Rate(options.Window, () => sqliteCases.Run()));

        var size = pg.LatestCheckpoint().Size;
        var sqliteSize = sqlite.LatestCheckpoint().Size;
        Proofs(pg, size, options.Window); // warm both tile caches: proofs are served from cached tiles once warm
        Proofs(sqlite, sqliteSize, options.Window);
        var proofs = Paired.Run(options.Repetitions, () => Proofs(pg, size, options.Window), () => Proofs(sqlite, sqliteSize, options.Window));

        using var copy = new CopyPeer(server.Url(new NpgsqlConnectionStringBuilder(ResetTrail.Storage.Postgres.PostgresDatabase.ConnectionString(pgUrl).Value).Database!));
        copy.Run(Take(CopyChunk));
        var versusCopy = Paired.Run(options.Repetitions, () => Appends(pg, Batch), () => Timed.Rate(options.Window, () => copy.Run(Take(CopyChunk))));
        var versusCopyLarge = Paired.Run(options.Repetitions, () => Appends(pg, 4096), () => Timed.Rate(options.Window, () => copy.Run(Take(CopyChunk))));

        return new Figure(
            9,
            "PostgreSQL store beside the SQLite store",
            "the SQLite store in the same run (rows 1-6); a binary COPY of the same rows into a plain table on the same server (rows 7-8)",
            [
                Row("durable append, 1 entry per commit, 1 client", single, "appends", null),
                Row($"durable append, 1 entry per commit, {Clients} clients", singleFour, "appends", null),
                Row($"batched append, {Batch} entries per commit, 1 client", batched, "entries", null),
                Row($"batched append, {Batch} entries per commit, {Clients} clients", batchedFour, "entries", null),
                new($"case lifecycle, 1 driver ({perLifecycle} entries each)",
                    Format.Rate(lifecycles.OursMedian / perLifecycle, "lifecycles"), Format.Rate(lifecycles.PeerMedian / perLifecycle, "lifecycles"), lifecycles.RatioMedian, null),
                Row("inclusion proof served (generate from storage)", proofs, "proofs", null),
                Row($"batched append ({Batch} per commit) vs binary COPY", versusCopy, "rows", 0.3),
                Row("batched append (4096 per commit) vs binary COPY", versusCopyLarge, "rows", 0.3),
            ],
            [
                "Server: Debian's PostgreSQL started by the bench with the tests' harness (tests/Shared/TemporaryPostgres.cs): initdb into a temporary folder as the `postgres` user, loopback TCP, fsync=on, synchronous_commit=on, default shared_buffers; on the same disk as the SQLite file (WAL, synchronous=FULL).",
                "Ours: `PostgresEvidenceLog.Append`: while this handle made the last commit, one round trip (BEGIN, pg_advisory_xact_lock, a guard that the committed size is the one its tree predicts, entries as one unnest array insert, tiles, the Ed25519-signed checkpoint, COMMIT); otherwise, and from 1024 entries on (binary COPY), BEGIN + lock + committed size first, then the rest. Peer rows 1-6: `SqliteEvidenceLog` / `SqliteCaseStore` on a file.",
                $"{Clients} clients: {Clients} threads, each with its own log handle (its own connection pool or SQLite connection), appending 100-byte entries; on PostgreSQL they meet at the advisory lock, on SQLite at the write lock.",
                "Case lifecycle: figure 7's driver (`CaseLifecycle`) over `PostgresCaseStore` and `SqliteCaseStore`: each step loads and replays the case under the sequencer lock, re-checks, appends and updates the caches, one durable commit per step.",
                $"Proofs: `InclusionProof(i, size)` for pseudo-random i on the logs the rows above built (PostgreSQL {size:N0} entries, SQLite {sqliteSize:N0}), single thread, after a warm-up window; tiles cached by `TileNodeReader` on both, so the partial rightmost tiles and the check that the size is committed are what remain per proof.",
                $"COPY peer: `COPY plain (idx, entry) FROM STDIN (FORMAT BINARY)` of {CopyChunk:N0} of the same 100-byte rows per transaction into `plain (idx bigint PRIMARY KEY, entry bytea)`, committed (durable) each time; the issue's goal is batched durable appends at ≥ 0.3× of it.",
            ]);
    }

    private static FigureRow Row(string metric, PairedResult result, string unit, double? goal) =>
        new(metric, Format.Rate(result.OursMedian, unit), Format.Rate(result.PeerMedian, unit), result.RatioMedian, goal);

    private static double Proofs(IEvidenceLog log, ulong size, TimeSpan window)
    {
        var random = new SplitMix64(size);
        return Timed.Rate(window, () =>
        {
            var index = random.Next() % size;
            return log.InclusionProof(index, size).IsSuccess ? 1 : throw new InvalidOperationException("bench bug: a proof failed");
        });
    }

    /// <summary>The peer: binary COPY into a plain two-column table, one transaction per chunk.</summary>
    private sealed class CopyPeer : IDisposable
    {
        private readonly NpgsqlConnection connection;
        private long next;

        public CopyPeer(string url)
        {
            connection = new NpgsqlConnection(ResetTrail.Storage.Postgres.PostgresDatabase.ConnectionString(url).Value);
            connection.Open();
            using var create = new NpgsqlCommand("CREATE TABLE plain (idx bigint PRIMARY KEY, entry bytea NOT NULL)", connection);
            create.ExecuteNonQuery();
        }

        public long Run(byte[][] rows)
        {
            using var transaction = connection.BeginTransaction();
            using (var import = connection.BeginBinaryImport("COPY plain (idx, entry) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    import.StartRow();
                    import.Write(next++, NpgsqlDbType.Bigint);
                    import.Write(row, NpgsqlDbType.Bytea);
                }

                import.Complete();
            }

            transaction.Commit();
            return rows.Length;
        }

        public void Dispose() => connection.Dispose();
    }
}
