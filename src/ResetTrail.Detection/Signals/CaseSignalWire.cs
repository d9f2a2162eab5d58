namespace ResetTrail.Detection.Signals;

public static class CaseSignalWire
{
    public static string Name(CaseSignalKind kind) => kind switch
    {
        CaseSignalKind.CaseOpened => "case_opened",
        CaseSignalKind.VerificationFailed => "verification_failed",
        CaseSignalKind.VerificationPassed => "verification_passed",
        CaseSignalKind.Approved => "approved",
        CaseSignalKind.Executed => "executed",
    };
}
