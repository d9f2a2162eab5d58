using Npgsql;
using ResetTrail.Accounts;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Accounts.Secrets;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.EvidenceLog;

namespace ResetTrail.Storage.Postgres.Accounts;

/// <summary>
/// Local accounts in the shared database (migration 0004_server_stores). TOTP secrets are sealed with the account
/// secrets key, a file every server holds (the same file, or sign-ins on one server could not read another's
/// enrolments). Each change is one statement; adding an account takes an advisory lock, so two servers running
/// first-time setup at once create one administrator.
/// </summary>
public sealed class PostgresAccountStore : IAccountStore, IDisposable
{
    private const string Columns = """
        login, display_name, roles, password_hash, totp_secret, totp_confirmed, last_totp_step, disabled, created_at,
        failures, window_start, locks, locked_until
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly AccountSecretsKey secrets;

    private PostgresAccountStore(NpgsqlDataSource dataSource, AccountSecretsKey secrets)
    {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    /// <summary>Opens the accounts of a migrated database with the secrets key at <paramref name="secretsKeyPath"/> (created when missing).</summary>
    public static Result<PostgresAccountStore> Open(NpgsqlDataSource dataSource, string secretsKeyPath)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var key = AccountSecretsKey.OpenOrCreate(secretsKeyPath);
        return key.IsSuccess ? new PostgresAccountStore(dataSource, key.Value) : Result<PostgresAccountStore>.Fail(key.Error);
    }

    public Account? Find(string login) => Read($"SELECT {Columns} FROM accounts WHERE login = $1", login).SingleOrDefault();

    public IReadOnlyList<Account> List() => Read($"SELECT {Columns} FROM accounts ORDER BY login");

    public Outcome<Account> Add(Account account, bool onlyIfNoAdministrator = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Statement.LockFor(connection, "accounts");
        using (var exists = Statement.Command(connection, "SELECT 1 FROM accounts WHERE login = $1", account.Login))
        {
            if (exists.ExecuteScalar() is not null)
            {
                return Outcome<Account>.Fail(AccountErrors.LoginTaken, $"an account '{account.Login}' already exists");
            }
        }

        using (var administrators = Statement.Command(connection, "SELECT count(*) FROM accounts WHERE NOT disabled AND $1 = ANY (roles)", WireName.Of(Role.Administrator)))
        {
            if (onlyIfNoAdministrator && (long)administrators.ExecuteScalar()! > 0)
            {
                return Outcome<Account>.Fail(AccountErrors.AdministratorExists,
                    "an administrator already exists; an administrator adds accounts with: resettrail account add");
            }
        }

        var lockout = account.Lockout;
        Statement.Execute(connection, $"INSERT INTO accounts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            account.Login, account.DisplayName, RolesOf(account.Roles), account.PasswordHash, SealTotp(account.Login, account.TotpSecret),
            account.TotpConfirmed, account.LastTotpStep, account.Disabled, account.Created,
            lockout.Failures, lockout.WindowStart, lockout.Locks, lockout.LockedUntil);
        transaction.Commit();
        return account;
    }

    public bool SetRoles(string login, IReadOnlySet<Role> roles) => Change("UPDATE accounts SET roles = $2 WHERE login = $1", login, RolesOf(roles));

    public bool SetDisabled(string login, bool disabled) => Change("UPDATE accounts SET disabled = $2 WHERE login = $1", login, disabled);

    public bool SetPasswordHash(string login, string passwordHash) => Change("UPDATE accounts SET password_hash = $2 WHERE login = $1", login, passwordHash);

    public bool SetTotp(string login, TotpSecret? secret, bool confirmed) =>
        Change("UPDATE accounts SET totp_secret = $2, totp_confirmed = $3, last_totp_step = NULL WHERE login = $1",
            login, SealTotp(login, secret), confirmed && secret is not null);

    public bool SetLockout(string login, LockoutState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Change("UPDATE accounts SET failures = $2, window_start = $3, locks = $4, locked_until = $5 WHERE login = $1",
            login, state.Failures, state.WindowStart, state.Locks, state.LockedUntil);
    }

    // One statement: two requests racing with the same code, on one server or two, cannot both pass.
    public bool TryUseTotpStep(string login, long timeStep) =>
        Change("UPDATE accounts SET last_totp_step = $2 WHERE login = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)", login, timeStep);

    public void Dispose() => secrets.Dispose();

    private static string[] RolesOf(IReadOnlySet<Role> roles) => [.. roles.Order().Select(WireName.Of)];

    private static HashSet<Role> ParseRoles(string[] names) =>
        names.Select(name => WireName.TryParse<Role>(name, out var role) ? role : throw new InvalidDataException($"accounts: unknown role '{name}'")).ToHashSet();

    private static string Purpose(string login) => "resettrail totp secret for " + login;

    private bool Change(string sql, params object?[] values) => Statement.Execute(dataSource, sql, values) == 1;

    private byte[]? SealTotp(string login, TotpSecret? secret) => secret is null ? null : secrets.Seal(secret.Key, Purpose(login));

    private List<Account> Read(string sql, params object?[] values)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Statement.Command(connection, sql, values);
        using var rows = command.ExecuteReader();
        var accounts = new List<Account>();
        while (rows.Read())
        {
            var login = rows.GetString(0);
            TotpSecret? totp = null;
            if (!rows.IsDBNull(4))
            {
                var opened = secrets.Open(rows.GetFieldValue<byte[]>(4), Purpose(login));
                totp = new TotpSecret(opened);
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(opened);
            }

            accounts.Add(new Account(
                login, rows.GetString(1), ParseRoles(rows.GetFieldValue<string[]>(2)), rows.GetString(3), totp, rows.GetBoolean(5), rows.GetBoolean(7),
                rows.GetFieldValue<DateTimeOffset>(8),
                new LockoutState(rows.GetInt32(9), Statement.Time(rows, 10), rows.GetInt32(11), Statement.Time(rows, 12)),
                rows.IsDBNull(6) ? null : rows.GetInt64(6)));
        }

        return accounts;
    }
}
