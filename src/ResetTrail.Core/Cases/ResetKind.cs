namespace ResetTrail.Core.Cases;

/// <summary>What a reset changes. Wire names: password, mfa_factor, all_factors, recovery_codes, temporary_access_pass, nhi_secret.</summary>
public enum ResetKind
{
    Password,
    MfaFactor,
    AllFactors,
    RecoveryCodes,
    TemporaryAccessPass,
    NhiSecret,
}
