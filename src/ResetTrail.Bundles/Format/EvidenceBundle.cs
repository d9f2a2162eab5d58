using System.Text.Json.Nodes;

namespace ResetTrail.Bundles.Format;

/// <summary>
/// One case's evidence in one file (docs/design/bundle-format.md): every entry of the case with a
/// c2sp.org/tlog-proof@v1 inclusion proof against one signed checkpoint, the policy version that decided it
/// (with its own proof), and the decision as case.opened recorded it. Only what the checkpoint signature and the
/// proofs cover is evidence; <see cref="State"/> and <see cref="ExportedAt"/> are the exporter's claims, which the
/// verifier compares with the chain.
/// </summary>
public sealed record EvidenceBundle(
    string Format,
    string Case,
    string Origin,
    string KeyName,
    string State,
    string Checkpoint,
    IReadOnlyList<BundleEntry> Entries,
    BundlePolicy Policy,
    JsonObject Decision,
    string ExportedAt)
{
    /// <summary>The one format this version writes and reads.</summary>
    public const string FormatV1 = "resettrail.bundle/v1";
}

/// <summary>A log entry: its index, its exact bytes (standard base64) and its c2sp.org/tlog-proof@v1 text.</summary>
public sealed record BundleEntry(ulong Index, string Entry, string Proof);

/// <summary>The policy version the case was decided under, as its policy.published entry.</summary>
public sealed record BundlePolicy(string Hash, string Version, BundleEntry Entry);
