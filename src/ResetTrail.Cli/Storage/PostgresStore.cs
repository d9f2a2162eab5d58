using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Events;
using ResetTrail.Storage.Postgres.Cases;
using ResetTrail.Storage.Postgres.Events;
using ResetTrail.Storage.Postgres.EvidenceLog;
using ResetTrail.Storage.Postgres.Tokens;

namespace ResetTrail.Cli.Storage;

/// <summary>A PostgreSQL database that several processes and servers share.</summary>
internal sealed class PostgresStore(PostgresEvidenceLog log) : Store
{
    private readonly PostgresCaseStore cases = new(log);

    public override IEvidenceLog Log => log;

    public override ICaseStore Cases => cases;

    public override ITokenStore Tokens => new PostgresTokenStore(log.DataSource);

    public override IEventStore Events => new PostgresEventStore(log.DataSource);

    public override string Name => log.Database;

    public override VerifierKey RotateKey(string newKeyPath) => log.RotateKey(newKeyPath);

    public override int RebuildIndexes() => cases.RebuildIndexes();
}
