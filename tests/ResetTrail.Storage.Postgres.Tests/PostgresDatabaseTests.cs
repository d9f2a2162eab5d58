using Npgsql;

namespace ResetTrail.Storage.Postgres.Tests;

public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData("postgres://rt@db.example:5433/trail", true)]
    [InlineData("postgresql://rt@db.example/trail", true)]
    [InlineData("Host=db.example;Database=trail;Username=rt", true)]
    [InlineData("resettrail.db", false)]
    [InlineData("/var/lib/resettrail/host=1.db", false)]
    public void Urls_and_connection_strings_name_postgres_and_file_paths_do_not(string database, bool expected) =>
        Assert.Equal(expected, PostgresDatabase.IsPostgres(database));

    [Fact]
    public void A_url_becomes_a_connection_string_with_its_parts_and_options()
    {
        var parsed = PostgresDatabase.ConnectionString("postgres://rt:s%40cret@db.example:5433/trail?sslmode=require&timeout=7");

        Assert.True(parsed.IsSuccess, parsed.Error);
        var builder = new NpgsqlConnectionStringBuilder(parsed.Value);
        Assert.Equal(("db.example", 5433, "trail", "rt", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(64, builder.MaxAutoPrepare);
    }

    [Fact]
    public void Messages_never_show_the_password()
    {
        Assert.Equal("postgres://rt:***@db.example/trail", PostgresDatabase.Redacted("postgres://rt:secret@db.example/trail"));
        Assert.DoesNotContain("secret", PostgresDatabase.Redacted("Host=db;Database=trail;Password=secret"), StringComparison.Ordinal);
        var bad = PostgresDatabase.ConnectionString("postgres://rt:secret@db.example/trail?nonsense=1");
        Assert.False(bad.IsSuccess);
        Assert.DoesNotContain("secret", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_without_a_database_name_is_refused_with_an_example()
    {
        var parsed = PostgresDatabase.ConnectionString("postgres://rt@db.example");

        Assert.False(parsed.IsSuccess);
        Assert.Contains("postgres://", parsed.Error, StringComparison.Ordinal);
    }
}
