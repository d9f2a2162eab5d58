namespace ResetTrail.Detection.Signals;

/// <summary>The steps of a reset case the rules listen to. Wire names: case_opened, verification_failed, verification_passed, approved, executed.</summary>
public enum CaseSignalKind
{
    CaseOpened,
    VerificationFailed,
    VerificationPassed,
    Approved,
    Executed,
}
