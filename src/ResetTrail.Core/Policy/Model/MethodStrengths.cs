using System.Collections.Frozen;

namespace ResetTrail.Core.Policy.Model;

/// <summary>
/// The default strength of each verification method, 1 (weak) to 4 (strongest). The order follows what an
/// impostor needs to defeat each one (NIST SP 800-63B's view that knowledge-based verification is not an
/// authenticator; SP 800-63A's identity proofing strengths):
/// knowledge questions (1) are answered from social media and breach dumps; a callback to the number on
/// record (2) and a manager's attestation (2) are defeated by SIM swap or a persuasive call to the manager;
/// a push to an already enrolled device (3) needs the victim's device; an ID document with liveness through
/// a vendor (3) needs a forged document and a face; in person with a badge (4) needs the person.
/// </summary>
internal static class MethodStrengths
{
    public const int Weak = 1;
    public const int Strongest = 4;

    public static IReadOnlyDictionary<VerificationMethod, int> Defaults { get; } = new Dictionary<VerificationMethod, int>
    {
        [VerificationMethod.KnowledgeQuestions] = 1,
        [VerificationMethod.CallbackOnRecord] = 2,
        [VerificationMethod.ManagerAttestation] = 2,
        [VerificationMethod.PushToEnrolledDevice] = 3,
        [VerificationMethod.IdDocumentLiveness] = 3,
        [VerificationMethod.InPersonBadge] = 4,
    }.ToFrozenDictionary();
}
