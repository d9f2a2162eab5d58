using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Tests.Identity;

public sealed class IdentitySettingsTests
{
    [Fact]
    public void An_openid_provider_is_read_from_the_settings_file_with_its_role_map()
    {
        var file = Write("""
            {"Identity": {"TotpIssuer": "Acme ResetTrail", "Oidc": {
              "Issuer": "https://login.example.com/", "ClientId": "resettrail", "ClientSecret": "s3cret", "Audience": "resettrail-api",
              "Scopes": ["profile", "groups"], "RoleClaim": "roles",
              "RoleMap": {"Helpdesk": ["desk_agent", "verifier"], "Helpdesk-Leads": "approver", "Auditors": ["auditor"]}}}}
            """);

        var (settings, problems) = ServerSettingsReader.Read(file, new Dictionary<string, string?>());

        Assert.Empty(problems);
        var oidc = settings!.Identity.Oidc!;
        Assert.Equal("Acme ResetTrail", settings.Identity.TotpIssuer);
        Assert.Equal(new Uri("https://login.example.com/"), oidc.Issuer);
        Assert.Equal(("resettrail", "s3cret", "resettrail-api", "roles"), (oidc.ClientId, oidc.ClientSecret, oidc.Audience, oidc.RoleClaim));
        Assert.Equal(["profile", "groups"], oidc.Scopes);
        Assert.Equal(["desk_agent", "verifier"], oidc.RoleMap["Helpdesk"]);
        Assert.Equal(["approver"], oidc.RoleMap["Helpdesk-Leads"]);
        Assert.DoesNotContain("s3cret", oidc.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_half_configured_provider_stops_the_start_with_what_to_fix()
    {
        var file = Write("""{"Identity": {"SignInAttemptsPerMinute": "0", "Oidc": {"Issuer": "http://login.example.com/", "RoleMap": {"Helpdesk": ["superuser"]}}}}""");

        var (settings, problems) = ServerSettingsReader.Read(file, new Dictionary<string, string?>());

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains("Identity:Oidc:ClientId", StringComparison.Ordinal) && p.Contains("RESETTRAIL_IDENTITY__OIDC__CLIENTID", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Identity:Oidc:Audience", StringComparison.Ordinal) && p.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be an absolute https:// URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'superuser' is not a role", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Identity:SignInAttemptsPerMinute", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_oidc_section_only_local_accounts_sign_in()
    {
        var (settings, problems) = ServerSettingsReader.Read(null, new Dictionary<string, string?>());

        Assert.Empty(problems);
        Assert.Null(settings!.Identity.Oidc);
        Assert.Equal(10, settings.Identity.SignInAttemptsPerMinute);
    }

    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "resettrail-identity-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
