using Microsoft.Extensions.Time.Testing;
using ResetTrail.Bundles.Export;
using ResetTrail.Bundles.Format;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Bundles.Tests.Fixtures;

/// <summary>
/// A real log and case store in a temporary folder, a published policy version, and cases driven through the
/// workflow's commands and the store's transaction, as the product records them. Another case's entries and a
/// foreign entry interleave with the sample case's, so its indices have gaps.
/// </summary>
internal sealed class SampleCase : IDisposable
{
    public const string Origin = "example.com/resettrail";
    public const string CaseId = "RT-1";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "resettrail-bundles-" + Guid.NewGuid().ToString("N"));

    public SampleCase(string origin = Origin)
    {
        Directory.CreateDirectory(folder);
        var log = SqliteEvidenceLog.Initialize(Path.Combine(folder, "bundle.db"), origin, Path.Combine(folder, "bundle.db.key"), Clock);
        Log = log.IsSuccess ? log.Value : throw new InvalidOperationException(log.Error);
        Store = new SqliteCaseStore(Log);
        Log.Append(["not evidence: appended with 'log append'"u8.ToArray()]);
        Store.Publish(FixedPolicy.Text, Policy.Hash, Policy.Version, "policies/fixed.yaml", "ivy.iam", Clock.GetUtcNow());
    }

    /// <summary>Tuesday 10 March 2026, 09:00 UTC.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    public SqliteEvidenceLog Log { get; }

    public SqliteCaseStore Store { get; }

    public IResetPolicy Policy { get; } = new FixedPolicy();

    public VerifierKey Key => Log.Verifier;

    /// <summary>A case opened, verified, approved twice, executed, followed up and closed.</summary>
    public static SampleCase Closed()
    {
        var sample = new SampleCase();
        sample.Open(CaseId).Step(c => CaseCommands.Verify(c, "vera.verifier", VerificationMethod.PushToEnrolledDevice, true, ["sha256:0f1e"], sample.Policy, sample.Now));
        sample.Open("RT-2");
        sample.ApproveTwice().Step(c => CaseCommands.Execute(c, "eddie.executor", "okta-evt-123", sample.Now, sample.Now));
        sample.Log.Append(["another foreign entry"u8.ToArray()]);
        sample.Step(c => CaseCommands.CompleteTask(c, "eddie.executor", PostResetTaskKind.RevokeSessions, "all sessions revoked", sample.Now))
            .Step(c => CaseCommands.CompleteTask(c, "eddie.executor", PostResetTaskKind.NotifyUser, null, sample.Now))
            .Step(c => CaseCommands.Close(c, "eddie.executor", "done", sample.Now));
        return sample;
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public SampleCase Open(string caseId)
    {
        var request = new OpenCaseRequest(caseId, new Ticket("servicenow", "INC0012345", null),
            new TargetIdentity("corp", "tom") { DisplayName = "Tom Target" }, ResetKind.MfaFactor, Channel.Phone,
            new Initiator(InitiatorType.Internal, null), "rita.requester", "rita.requester");
        return Apply(caseId, _ => CaseCommands.Open(request, Policy, Now));
    }

    public SampleCase ApproveTwice() =>
        Step(c => CaseCommands.Approve(c, "alice.approver", "manager", c.ApprovalDigest(), false, null, Now))
            .Step(c => CaseCommands.Approve(c, "sam.security", "security", c.ApprovalDigest(), false, null, Now));

    /// <summary>One step of the sample case, a few minutes after the last.</summary>
    public SampleCase Step(Func<ResetCase, Outcome<EvidenceRecord>> command, string caseId = CaseId) =>
        Apply(caseId, current => command(current ?? throw new InvalidOperationException($"no case {caseId}")));

    public string Export(string caseId = CaseId) => BundleJson.Write(ExportBundle(caseId));

    public EvidenceBundle ExportBundle(string caseId = CaseId, IReadOnlyList<ulong>? indices = null)
    {
        var policy = Store.PolicyByHash(Policy.Hash) ?? throw new InvalidOperationException("policy not published");
        var bundle = BundleExporter.Export(Log, caseId, indices ?? Store.EntryIndices(caseId), policy.LogIndex, Now);
        return bundle.IsSuccess ? bundle.Value : throw new InvalidOperationException(bundle.Error);
    }

    public void Dispose()
    {
        Log.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp area.
        }
    }

    private SampleCase Apply(string caseId, Func<ResetCase?, Outcome<EvidenceRecord>> decide)
    {
        Clock.Advance(TimeSpan.FromMinutes(3));
        var receipt = Store.Apply(caseId, decide);
        return receipt.IsSuccess ? this : throw new InvalidOperationException(receipt.Error.ToString());
    }
}
