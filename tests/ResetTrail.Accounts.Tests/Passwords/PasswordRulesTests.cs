using ResetTrail.Accounts.Passwords;

namespace ResetTrail.Accounts.Tests.Passwords;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("elevenchars", "RT-3010")]
    [InlineData("my name is Alice.Smith ok", "RT-3012")]
    public void Weak_passwords_are_refused_with_a_code(string password, string code) =>
        Assert.Equal(code, PasswordRules.Check(password, "alice.smith")?.Code);

    [Fact]
    public void Twelve_characters_are_enough_and_1025_too_many()
    {
        Assert.Null(PasswordRules.Check("twelve chars", "alice"));
        Assert.Null(PasswordRules.Check(new string('x', 1024), "alice"));
        Assert.Equal(AccountErrors.PasswordTooLong, PasswordRules.Check(new string('x', 1025), "alice")?.Code);
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units() =>
        Assert.Equal(AccountErrors.PasswordTooShort, PasswordRules.Check(string.Concat(Enumerable.Repeat("😀", 11)), "alice")?.Code);
}
