using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ResetTrail.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_without_credentials()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Anonymous();

        Assert.Equal("ok\n", await client.GetStringAsync("healthz"));
        var ready = await client.GetFromJsonAsync<JsonElement>("readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(0, ready.GetProperty("log_size").GetInt64());
    }

    [Fact]
    public async Task Not_ready_when_the_latest_checkpoint_does_not_verify()
    {
        await using var server = await RunningServer.StartAsync();
        using (var connection = new SqliteConnection($"Data Source={server.Database.Name};Pooling=false"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE log_checkpoints SET note = replace(note, 'test.example/log', 'evil.example/log')";
            tamper.ExecuteNonQuery();
        }

        using var client = server.Anonymous();
        using var response = await client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RT-3110", problem.GetProperty("code").GetString());
        Assert.Contains("does not verify", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
