using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ResetTrail.Accounts;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core.Access;
using ResetTrail.Storage.Sqlite.Accounts;

namespace ResetTrail.Storage.Sqlite.Tests.Accounts;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SqliteAccountStoreTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteAccountStore store;

    public SqliteAccountStoreTests() => store = SqliteAccountStore.Open(Database, time).Value;

    private string Database => folder.File("rt.db");

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void An_account_reads_back_as_it_was_stored()
    {
        var secret = TotpSecret.Generate();
        var lockout = new LockoutState(2, time.GetUtcNow(), 1, time.GetUtcNow().AddMinutes(5));
        var account = NewAccount("carl", Role.DeskAgent, Role.Verifier) with { TotpSecret = secret, TotpConfirmed = true, Lockout = lockout, LastTotpStep = 42 };

        store.Add(account);
        var read = store.Find("carl")!;

        Assert.Equal((account.Login, account.DisplayName, account.PasswordHash, account.Created), (read.Login, read.DisplayName, read.PasswordHash, read.Created));
        Assert.Equal(account.Roles.Order(), read.Roles.Order());
        Assert.Equal(secret.Key.ToArray(), read.TotpSecret!.Key.ToArray());
        Assert.Equal((true, false, 42L), (read.TotpConfirmed, read.Disabled, read.LastTotpStep!.Value));
        Assert.Equal(lockout, read.Lockout);
    }

    [Fact]
    public void Totp_secrets_are_not_in_the_database_in_clear()
    {
        var secret = TotpSecret.Generate();
        store.Add(NewAccount("carl", Role.DeskAgent) with { TotpSecret = secret });

        var bytes = File.ReadAllBytes(Database).Concat(File.Exists(Database + "-wal") ? File.ReadAllBytes(Database + "-wal") : []).ToArray();

        Assert.Equal(-1, bytes.AsSpan().IndexOf(secret.Key));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret.Base32Text)));
    }

    [Fact]
    public void The_secrets_key_file_is_owner_only_and_a_wider_one_is_refused()
    {
        var keyPath = Database + ".secrets.key";
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));

        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var opened = SqliteAccountStore.Open(Database, time);

        Assert.False(opened.IsSuccess);
        Assert.Contains("chmod 600", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sealed_secret_moved_to_another_account_does_not_open()
    {
        store.Add(NewAccount("carl", Role.DeskAgent) with { TotpSecret = TotpSecret.Generate() });
        store.Add(NewAccount("mallory", Role.DeskAgent));
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var move = connection.CreateCommand();
            move.CommandText = "UPDATE accounts SET totp_secret = (SELECT totp_secret FROM accounts WHERE login = 'carl') WHERE login = 'mallory'";
            move.ExecuteNonQuery();
        }

        var failure = Assert.Throws<InvalidDataException>(() => store.Find("mallory"));
        Assert.Contains("does not open", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_totp_step_is_used_once_and_only_forwards()
    {
        store.Add(NewAccount("carl", Role.DeskAgent));

        Assert.True(store.TryUseTotpStep("carl", 100));
        Assert.False(store.TryUseTotpStep("carl", 100));
        Assert.False(store.TryUseTotpStep("carl", 99));
        Assert.True(store.TryUseTotpStep("carl", 101));
    }

    [Fact]
    public void Racing_uses_of_one_step_let_exactly_one_through()
    {
        store.Add(NewAccount("carl", Role.DeskAgent));

        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ => store.TryUseTotpStep("carl", 7)).ToList();

        Assert.Single(results, r => r);
    }

    [Fact]
    public void Only_one_first_administrator_is_added()
    {
        Assert.True(store.Add(NewAccount("admin", Role.Administrator), onlyIfNoAdministrator: true).IsSuccess);

        var second = store.Add(NewAccount("admin2", Role.Administrator), onlyIfNoAdministrator: true);

        Assert.Equal(AccountErrors.AdministratorExists, second.Error?.Code);
        Assert.Equal(AccountErrors.LoginTaken, store.Add(NewAccount("admin", Role.Auditor)).Error?.Code);
        Assert.Equal(["admin"], store.List().Select(a => a.Login));
    }

    [Fact]
    public void Changes_touch_their_own_columns()
    {
        store.Add(NewAccount("carl", Role.DeskAgent) with { TotpSecret = TotpSecret.Generate(), TotpConfirmed = true });

        store.SetRoles("carl", new HashSet<Role> { Role.Approver, Role.Auditor });
        store.SetDisabled("carl", disabled: true);
        store.SetPasswordHash("carl", "$pbkdf2-sha256$i=1$new");
        store.SetTotp("carl", null, confirmed: true);
        var read = store.Find("carl")!;

        Assert.Equal([Role.Approver, Role.Auditor], read.Roles.Order());
        Assert.True(read.Disabled);
        Assert.Equal("$pbkdf2-sha256$i=1$new", read.PasswordHash);
        Assert.Null(read.TotpSecret);
        Assert.False(read.TotpConfirmed);
        Assert.False(store.SetDisabled("nobody", disabled: true));
    }

    [Fact]
    public void The_accounts_of_a_database_with_a_log_live_beside_it()
    {
        using var log = ResetTrail.Storage.Sqlite.EvidenceLog.SqliteEvidenceLog.Initialize(folder.File("log.db"), "test.example/rt", folder.File("log.db.key"), time).Value;
        var opened = SqliteAccountStore.Open(folder.File("log.db"), time);

        Assert.True(opened.IsSuccess);
        using var accounts = opened.Value;
        Assert.Empty(accounts.List());
    }

    private Account NewAccount(string login, params Role[] roles) =>
        new(login, login.ToUpperInvariant(), roles.ToHashSet(), "$pbkdf2-sha256$i=1$x", null, false, false, time.GetUtcNow(), LockoutState.None, null);
}
