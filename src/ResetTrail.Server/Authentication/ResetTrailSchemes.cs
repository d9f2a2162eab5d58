namespace ResetTrail.Server.Authentication;

/// <summary>
/// Authentication scheme names. <see cref="Default"/> is a policy scheme: 'Authorization: Bearer rt_...' goes to
/// the API token handler, everything else to the cookie that interactive sign-in issues.
/// </summary>
public static class ResetTrailSchemes
{
    public const string Default = "ResetTrail";

    public const string ApiToken = "ResetTrail.Token";

    public const string Cookie = "ResetTrail.Cookie";
}
