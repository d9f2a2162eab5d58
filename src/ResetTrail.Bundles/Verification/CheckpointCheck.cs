using System.Text;
using ResetTrail.Bundles.Format;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// The one checkpoint every proof in the bundle is against: signed by the auditor's key, for the log the key is
/// named after (C2SP tlog-checkpoint: the key name is the origin), and written in the one canonical form.
/// </summary>
internal static class CheckpointCheck
{
    /// <summary>The checkpoint when its signature verifies, else null (inclusion is then not checked).</summary>
    public static Checkpoint? Run(EvidenceBundle bundle, VerifierKey key, Findings findings)
    {
        if (bundle.KeyName != key.Name)
        {
            findings.Fail(BundleChecks.KeyName, $"the bundle names the key '{bundle.KeyName}', but verification is with '{key.Name}'");
        }

        if (bundle.Origin != key.Name)
        {
            findings.Fail(BundleChecks.Origin, $"the bundle names the log '{bundle.Origin}', but the key is for '{key.Name}'");
        }

        var opened = Checkpoint.Open(bundle.Checkpoint, key.Name, [key]);
        if (!opened.IsSuccess)
        {
            findings.Fail(BundleChecks.Checkpoint, $"the checkpoint does not verify with {key.Name}+{key.KeyId:x8}: {opened.Error}");
            return null;
        }

        if (!IsCanonical(bundle.Checkpoint))
        {
            findings.Fail(BundleChecks.Checkpoint, "the checkpoint's signature lines are not in canonical form");
            return null;
        }

        var checkpoint = opened.Value;
        findings.Ok(BundleChecks.Checkpoint,
            $"signed by {key.Name}+{key.KeyId:x8}: tree size {checkpoint.Size}, root {Convert.ToBase64String(checkpoint.RootHash)}");
        return checkpoint;
    }

    /// <summary>The note as its parsed parts print again: a signature's base64 has one spelling.</summary>
    private static bool IsCanonical(string note)
    {
        var parsed = SignedNote.Parse(note);
        if (!parsed.IsSuccess)
        {
            return false;
        }

        var printed = new StringBuilder(parsed.Value.Text).Append('\n');
        foreach (var signature in parsed.Value.Signatures)
        {
            printed.Append(signature.ToLine());
        }

        return string.Equals(printed.ToString(), note, StringComparison.Ordinal);
    }
}
