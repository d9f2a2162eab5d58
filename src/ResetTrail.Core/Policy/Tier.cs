namespace ResetTrail.Core.Policy;

/// <summary>Risk tiers of identities. Wire names: standard, privileged, admin, executive, finance, non_human.</summary>
public enum Tier
{
    Standard,
    Privileged,
    Admin,
    Executive,
    Finance,
    NonHuman,
}
