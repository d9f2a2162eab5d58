namespace ResetTrail.Core.Cases;

/// <summary>Who started the request: the organisation itself, or a third party. Wire names: internal, vendor, msp, idp_support.</summary>
public enum InitiatorType
{
    Internal,
    Vendor,
    Msp,

    /// <summary>The identity provider's own support staff (Okta's 2023 warning: they reset super admins' factors).</summary>
    IdpSupport,
}
