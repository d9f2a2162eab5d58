namespace ResetTrail.Accounts;

/// <summary>Stable codes for account refusals (block 30xx, docs/errors/README.md). Never renumbered.</summary>
public static class AccountErrors
{
    public const string InvalidLogin = "RT-3001";
    public const string LoginTaken = "RT-3002";
    public const string NoSuchAccount = "RT-3003";
    public const string AdministratorExists = "RT-3004";
    public const string NoRoles = "RT-3005";
    public const string LastAdministrator = "RT-3006";
    public const string PasswordTooShort = "RT-3010";
    public const string PasswordTooLong = "RT-3011";
    public const string PasswordContainsLogin = "RT-3012";
    public const string SignInRefused = "RT-3020";
}
