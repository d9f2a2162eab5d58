using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Cli.Storage;

/// <summary>
/// An opened ResetTrail database, whichever backend holds it: the evidence log, the cases beside it, and the few
/// operations that exist on every backend but not on the shared interfaces. Commands see only this.
/// </summary>
internal abstract class Store : IDisposable
{
    public abstract IEvidenceLog Log { get; }

    public abstract ICaseStore Cases { get; }

    public abstract ITokenStore Tokens { get; }

    /// <summary>The identity events kept beside the log ('resettrail ingest').</summary>
    public abstract IEventStore Events { get; }

    /// <summary>The database as the user named it, without a password.</summary>
    public abstract string Name { get; }

    public abstract VerifierKey RotateKey(string newKeyPath);

    public abstract int RebuildIndexes();

    public void Dispose() => Log.Dispose();
}
