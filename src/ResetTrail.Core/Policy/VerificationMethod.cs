namespace ResetTrail.Core.Policy;

/// <summary>
/// How the desk established that the caller is the account's owner. Wire names: knowledge_questions,
/// callback_on_record, push_to_enrolled_device, manager_attestation, id_document_liveness, in_person_badge.
/// Their strength is set by the policy file (with documented defaults); knowledge questions are weak: the
/// answers are on social media and in breach dumps, which is how Scattered Spider passed desks' checks.
/// </summary>
public enum VerificationMethod
{
    KnowledgeQuestions,
    CallbackOnRecord,
    PushToEnrolledDevice,
    ManagerAttestation,
    IdDocumentLiveness,
    InPersonBadge,
}
