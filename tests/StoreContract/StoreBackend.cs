using System.Text;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Accounts.Model;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Delivery;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.StoreContract;

/// <summary>
/// One backend under the store contract: a fresh, empty database per instance (so per test), its signing key in a
/// temporary folder, a fake clock, and the few things only the backend can do: open it again, rotate the key, and
/// damage or interrupt it behind the store's back.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    public const string Origin = "contract.example/resettrail";

    private readonly List<IDisposable> owned = [];

    protected StoreBackend()
    {
        Directory.CreateDirectory(Folder);
        KeyPath = Path.Combine(Folder, "log.key");
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "resettrail-contract-" + Guid.NewGuid().ToString("N"));

    public string KeyPath { get; }

    public static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"{{\"entry\":{i}}}");

    /// <summary>Creates the log in this backend's empty database, its key at <see cref="KeyPath"/>.</summary>
    public abstract IEvidenceLog Initialize();

    /// <summary>Another handle on the same log (another connection, as another process would have).</summary>
    public abstract IEvidenceLog Open(string? keyPath);

    public abstract ICaseStore Cases(IEvidenceLog log);

    /// <summary>The stores a server keeps beside the log, on the database of <paramref name="log"/> (ADR 0043).</summary>
    public abstract ITokenStore Tokens(IEvidenceLog log);

    public abstract IInbox Inbox(IEvidenceLog log);

    /// <summary>Local accounts, their secrets key in this backend's folder.</summary>
    public abstract IAccountStore Accounts(IEvidenceLog log);

    public abstract IAlertOutbox AlertOutbox(IEvidenceLog log);

    public abstract IEventStore Events(IEvidenceLog log);

    public abstract VerifierKey RotateKey(IEvidenceLog log, string newKeyPath);

    /// <summary>Overwrites a stored entry's bytes, as someone with write access to the database could.</summary>
    public abstract void ReplaceEntry(ulong index, byte[] data);

    public abstract void DeleteEntry(ulong index);

    /// <summary>Empties every cache table beside the log (case index, case entries, failures, policy versions).</summary>
    public abstract void ClearCaseCaches();

    /// <summary>The backend's rebuild of those caches from the log alone; returns the number of cases.</summary>
    public abstract int RebuildIndexes(ICaseStore store);

    /// <summary>
    /// Called from inside a step's transaction: makes the store lose it the way infrastructure fails (PostgreSQL: the
    /// appending session is terminated; SQLite, whose file cannot be taken away mid-transaction here: an I/O error).
    /// </summary>
    public abstract void BreakAppendInProgress();

    /// <summary>Disposes <paramref name="resource"/> with the backend (stores whose interface is not disposable).</summary>
    protected T Owned<T>(T resource)
    {
        if (resource is IDisposable disposable)
        {
            owned.Add(disposable);
        }

        return resource;
    }

    public virtual void Dispose()
    {
        foreach (var resource in owned)
        {
            resource.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // In the temp area anyway.
        }

        GC.SuppressFinalize(this);
    }
}
