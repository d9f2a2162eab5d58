using ResetTrail.Accounts.Passwords;

namespace ResetTrail.Accounts.Tests.Passwords;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher hasher = new(iterations: 1_000);

    [Fact]
    public void A_hash_accepts_its_password_and_refuses_another()
    {
        var hash = hasher.Hash("correct horse battery staple").Encode();

        Assert.Equal(PasswordCheck.Correct, hasher.Check("correct horse battery staple", hash));
        Assert.Equal(PasswordCheck.Wrong, hasher.Check("correct horse battery stapl", hash));
    }

    [Fact]
    public void The_encoded_hash_names_algorithm_and_cost_and_salts_each_hash()
    {
        var first = hasher.Hash("correct horse battery staple").Encode();
        var second = hasher.Hash("correct horse battery staple").Encode();

        Assert.StartsWith("$pbkdf2-sha256$i=1000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        var parsed = PasswordHash.TryParse(first)!;
        Assert.Equal((16, 32), (parsed.Salt.Length, parsed.Hash.Length));
        Assert.Equal(first, parsed.Encode());
        Assert.DoesNotContain(Convert.ToBase64String(parsed.Hash).TrimEnd('='), parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_weaker_than_the_current_setting_asks_for_a_rehash()
    {
        var old = new PasswordHasher(iterations: 500).Hash("correct horse battery staple").Encode();

        Assert.Equal(PasswordCheck.CorrectButRehash, hasher.Check("correct horse battery staple", old));
        Assert.Equal(PasswordCheck.Wrong, hasher.Check("wrong horse battery staple", old));
    }

    [Fact]
    public void The_default_cost_is_owasps_600000_iterations()
    {
        var strong = new PasswordHasher();
        var hash = strong.Hash("correct horse battery staple").Encode();

        Assert.StartsWith("$pbkdf2-sha256$i=600000$", hash, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Correct, strong.Check("correct horse battery staple", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA")] // salt and hash too short
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$pbkdf2-sha256$i=0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    public void An_unreadable_hash_never_matches(string encoded) =>
        Assert.Equal(PasswordCheck.Wrong, hasher.Check("anything at all", encoded));

    [Fact]
    public void The_decoy_check_always_fails() => Assert.Equal(PasswordCheck.Wrong, hasher.CheckDecoy("decoy password for unknown accounts"));
}
