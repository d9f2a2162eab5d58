namespace ResetTrail.Ingestion.Identities;

/// <summary>The columns (CSV) and keys (JSON) of an identities file. Multi-valued ones take ';' in CSV, arrays in JSON.</summary>
internal static class IdentityColumn
{
    public const string PersonId = "person_id";
    public const string DisplayName = "display_name";
    public const string Email = "email";
    public const string OktaLogin = "okta_login";
    public const string EntraUpn = "entra_upn";
    public const string EntraObjectId = "entra_object_id";
    public const string AdAccount = "ad_account";
    public const string AdSid = "ad_sid";
    public const string GoogleAddress = "google_address";
    public const string OtherIds = "other_ids";
    public const string Groups = "groups";
    public const string Roles = "roles";
    public const string Manager = "manager";

    public static readonly string[] All =
        [PersonId, DisplayName, Email, OktaLogin, EntraUpn, EntraObjectId, AdAccount, AdSid, GoogleAddress, OtherIds, Groups, Roles, Manager];

    public static readonly string[] MultiValued = [Email, OtherIds, Groups, Roles];

    /// <summary>The columns whose values identify the person (and are indexed), in the order Person.Id prefers.</summary>
    public static readonly string[] Identifying =
        [PersonId, Email, OktaLogin, EntraUpn, EntraObjectId, AdAccount, AdSid, GoogleAddress, OtherIds];
}
