using Microsoft.Data.Sqlite;
using ResetTrail.Accounts;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Accounts.Secrets;
using ResetTrail.Core;
using ResetTrail.Core.Access;
using ResetTrail.Core.Evidence;
using ResetTrail.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Accounts;

/// <summary>
/// Local accounts in the product's SQLite file (migration 0005). TOTP secrets are sealed with the account secrets key
/// beside the database; password hashes are already one-way. One connection per call: sign-ins are rare next to
/// evidence appends, and this keeps the store safe to share between requests.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore, IDisposable
{
    private const string Columns = """
        login, display_name, roles, password_hash, totp_secret, totp_confirmed, last_totp_step, disabled, created_at,
        failures, window_start, locks, locked_until
        """;

    private readonly string databasePath;
    private readonly AccountSecretsKey secrets;

    private SqliteAccountStore(string databasePath, AccountSecretsKey secrets)
    {
        this.databasePath = databasePath;
        this.secrets = secrets;
    }

    /// <summary>
    /// Opens the accounts of a database, creating the file, the schema and the secrets key
    /// (<paramref name="secretsKeyPath"/>, default FILE.secrets.key) when they do not exist.
    /// </summary>
    public static Result<SqliteAccountStore> Open(string databasePath, TimeProvider time, string? secretsKeyPath = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            using var connection = SqliteDatabase.Open(databasePath, create: true);
            Migrations.Apply(connection, time);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26)
        {
            return Result<SqliteAccountStore>.Fail($"'{databasePath}' is not a SQLite database");
        }

        var key = AccountSecretsKey.OpenOrCreate(secretsKeyPath ?? AccountSecretsKey.DefaultPathFor(databasePath));
        return key.IsSuccess ? new SqliteAccountStore(databasePath, key.Value) : Result<SqliteAccountStore>.Fail(key.Error);
    }

    public Account? Find(string login)
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM accounts WHERE login = $login";
        command.Parameters.AddWithValue("$login", login);
        using var row = command.ExecuteReader();
        return row.Read() ? Read(row) : null;
    }

    public IReadOnlyList<Account> List()
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM accounts ORDER BY login";
        using var rows = command.ExecuteReader();
        var accounts = new List<Account>();
        while (rows.Read())
        {
            accounts.Add(Read(rows));
        }

        return accounts;
    }

    public Outcome<Account> Add(Account account, bool onlyIfNoAdministrator = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Scalar(connection, transaction, "SELECT 1 FROM accounts WHERE login = $login", ("$login", account.Login)) is not null)
        {
            return Outcome<Account>.Fail(AccountErrors.LoginTaken, $"an account '{account.Login}' already exists");
        }

        if (onlyIfNoAdministrator && EnabledAdministrators(connection, transaction).Count > 0)
        {
            return Outcome<Account>.Fail(AccountErrors.AdministratorExists,
                "an administrator already exists; an administrator adds accounts with: resettrail account add");
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO accounts ({Columns}) VALUES ($login, $display, $roles, $hash, $totp, $confirmed, $step, $disabled, $created, $failures, $window, $locks, $until)";
        insert.Parameters.AddWithValue("$login", account.Login);
        insert.Parameters.AddWithValue("$display", account.DisplayName);
        insert.Parameters.AddWithValue("$roles", RolesText(account.Roles));
        insert.Parameters.AddWithValue("$hash", account.PasswordHash);
        insert.Parameters.AddWithValue("$totp", (object?)SealTotp(account.Login, account.TotpSecret) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$confirmed", account.TotpConfirmed);
        insert.Parameters.AddWithValue("$step", (object?)account.LastTotpStep ?? DBNull.Value);
        insert.Parameters.AddWithValue("$disabled", account.Disabled);
        insert.Parameters.AddWithValue("$created", EvidenceRecord.FormatTime(account.Created));
        AddLockout(insert, account.Lockout);
        insert.ExecuteNonQuery();
        transaction.Commit();
        return account;
    }

    public bool SetRoles(string login, IReadOnlySet<Role> roles) =>
        Change("UPDATE accounts SET roles = $value WHERE login = $login", login, RolesText(roles));

    public bool SetDisabled(string login, bool disabled) =>
        Change("UPDATE accounts SET disabled = $value WHERE login = $login", login, disabled);

    public bool SetPasswordHash(string login, string passwordHash) =>
        Change("UPDATE accounts SET password_hash = $value WHERE login = $login", login, passwordHash);

    public bool SetTotp(string login, TotpSecret? secret, bool confirmed) =>
        Change($"UPDATE accounts SET totp_secret = $value, totp_confirmed = {(confirmed && secret is not null ? 1 : 0)}, last_totp_step = NULL WHERE login = $login",
            login, (object?)SealTotp(login, secret) ?? DBNull.Value);

    public bool SetLockout(string login, LockoutState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE accounts SET failures = $failures, window_start = $window, locks = $locks, locked_until = $until WHERE login = $login";
        command.Parameters.AddWithValue("$login", login);
        AddLockout(command, state);
        return command.ExecuteNonQuery() == 1;
    }

    // One statement: two requests racing with the same code cannot both pass.
    public bool TryUseTotpStep(string login, long timeStep) =>
        Change("UPDATE accounts SET last_totp_step = $value WHERE login = $login AND (last_totp_step IS NULL OR last_totp_step < $value)", login, timeStep);

    public void Dispose() => secrets.Dispose();

    private static string RolesText(IReadOnlySet<Role> roles) => string.Join(',', roles.Order().Select(WireName.Of));

    private static HashSet<Role> ParseRoles(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => WireName.TryParse<Role>(name, out var role) ? role : throw new InvalidDataException($"accounts: unknown role '{name}'"))
            .ToHashSet();

    private static List<string> EnabledAdministrators(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT login, roles FROM accounts WHERE disabled = 0";
        using var rows = command.ExecuteReader();
        var logins = new List<string>();
        while (rows.Read())
        {
            if (ParseRoles(rows.GetString(1)).Contains(Role.Administrator))
            {
                logins.Add(rows.GetString(0));
            }
        }

        return logins;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, object Value) parameter)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return command.ExecuteScalar();
    }

    private static void AddLockout(SqliteCommand command, LockoutState state)
    {
        command.Parameters.AddWithValue("$failures", state.Failures);
        command.Parameters.AddWithValue("$window", state.WindowStart is { } start ? EvidenceRecord.FormatTime(start) : DBNull.Value);
        command.Parameters.AddWithValue("$locks", state.Locks);
        command.Parameters.AddWithValue("$until", state.LockedUntil is { } until ? EvidenceRecord.FormatTime(until) : DBNull.Value);
    }

    private static DateTimeOffset? Time(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : EvidenceRecord.ParseTime(row.GetString(column));

    private static string Purpose(string login) => "resettrail totp secret for " + login;

    private bool Change(string sql, string login, object value)
    {
        using var connection = SqliteDatabase.Open(databasePath, create: false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$login", login);
        command.Parameters.AddWithValue("$value", value);
        return command.ExecuteNonQuery() == 1;
    }

    private byte[]? SealTotp(string login, TotpSecret? secret) => secret is null ? null : secrets.Seal(secret.Key, Purpose(login));

    private Account Read(SqliteDataReader row)
    {
        var login = row.GetString(0);
        TotpSecret? totp = null;
        if (!row.IsDBNull(4))
        {
            var opened = secrets.Open((byte[])row.GetValue(4), Purpose(login));
            totp = new TotpSecret(opened);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(opened);
        }

        return new Account(
            login,
            row.GetString(1),
            ParseRoles(row.GetString(2)),
            row.GetString(3),
            totp,
            row.GetBoolean(5),
            row.GetBoolean(7),
            EvidenceRecord.ParseTime(row.GetString(8)),
            new LockoutState(row.GetInt32(9), Time(row, 10), row.GetInt32(11), Time(row, 12)),
            row.IsDBNull(6) ? null : row.GetInt64(6));
    }
}
