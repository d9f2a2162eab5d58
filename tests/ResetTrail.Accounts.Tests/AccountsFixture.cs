using Microsoft.Extensions.Time.Testing;
using ResetTrail.Accounts.Administration;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Passwords;
using ResetTrail.Accounts.SignIn;
using ResetTrail.Storage.Sqlite.Accounts;

namespace ResetTrail.Accounts.Tests;

/// <summary>A real SQLite account store in a temporary folder, a fake clock, and the use cases over them.</summary>
internal sealed class AccountsFixture : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string folder = Directory.CreateTempSubdirectory("resettrail-accounts-").FullName;

    public AccountsFixture()
    {
        Store = SqliteAccountStore.Open(Path.Combine(folder, "rt.db"), Time).Value;
        Hasher = new PasswordHasher(iterations: 1_000);
        Lockout = new LockoutOptions { MaxFailures = 3, Window = TimeSpan.FromMinutes(10), FirstLock = TimeSpan.FromMinutes(5) };
        SignIn = new LocalSignIn(Store, Hasher, Lockout, Time);
        Administration = new AccountAdministration(Store, Hasher, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public SqliteAccountStore Store { get; }

    public PasswordHasher Hasher { get; }

    public LockoutOptions Lockout { get; }

    public LocalSignIn SignIn { get; }

    public AccountAdministration Administration { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
