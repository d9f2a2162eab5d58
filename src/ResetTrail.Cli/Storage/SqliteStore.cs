using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.Events;
using ResetTrail.Storage.Sqlite.EvidenceLog;
using ResetTrail.Storage.Sqlite.Tokens;

namespace ResetTrail.Cli.Storage;

/// <summary>The embedded default: one SQLite file.</summary>
internal sealed class SqliteStore(SqliteEvidenceLog log) : Store
{
    private readonly SqliteCaseStore cases = new(log);

    public override IEvidenceLog Log => log;

    public override ICaseStore Cases => cases;

    public override ITokenStore Tokens => new SqliteTokenStore(log.Path);

    public override IEventStore Events => new SqliteEventStore(log.Path);

    public override string Name => log.Path;

    public override VerifierKey RotateKey(string newKeyPath) => log.RotateKey(newKeyPath);

    public override int RebuildIndexes() => cases.RebuildIndexes();
}
