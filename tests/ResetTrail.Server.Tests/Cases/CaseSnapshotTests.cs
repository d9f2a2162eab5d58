using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Core.Access;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Tests.Cases;

/// <summary>The cached fold of every case the dashboard and findings read: current after every step, whoever wrote it.</summary>
public sealed class CaseSnapshotTests
{
    [Fact]
    public async Task The_snapshot_follows_steps_taken_through_the_api_and_by_another_process_on_the_same_file()
    {
        await using var server = await RunningServer.StartAsync();
        using var desk = server.ClientAs("dana.desk", Role.DeskAgent);
        await CaseApiTests.Publish(server);
        var snapshot = server.Services.GetRequiredService<CaseSnapshot>();
        Assert.Empty(snapshot.Current());

        await Created(desk, "rc-snap-1");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await Created(desk, "rc-snap-2");
        var two = snapshot.Current();
        Assert.Equal(["rc-snap-2", "rc-snap-1"], two.Select(c => c.Id));
        Assert.Same(two, snapshot.Current()); // nothing changed: the same folded list, not a reload

        using (var response = await desk.PostAsJsonAsync("api/v1/cases/rc-snap-1/verify", new { method = "callback_on_record", result = "passed" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(CaseState.AwaitingApproval, snapshot.Current().Single(c => c.Id == "rc-snap-1").State);

        // Another server process on the same database file cancels a case: this snapshot sees it on its next read.
        var settings = new ServerSettings { Db = server.Database.Name, Urls = "http://127.0.0.1:0" };
        using (var other = ServerDatabase.OpenOrCreate(settings, server.Time).Value)
        {
            var cancelled = other.Cases.Apply("rc-snap-2", c => CaseCommands.Cancel(c!, "dana.desk", "the caller hung up", server.Time.GetUtcNow()));
            Assert.True(cancelled.IsSuccess, cancelled.Error?.ToString());
        }

        var after = snapshot.Current();
        Assert.Equal(CaseState.Cancelled, after.Single(c => c.Id == "rc-snap-2").State);
        Assert.Equal(server.Database.Cases.LoadAll().Select(c => (c.Id, c.State, c.Steps.Count)), after.Select(c => (c.Id, c.State, c.Steps.Count)));
    }

    private static async Task Created(HttpClient desk, string id)
    {
        using var response = await desk.PostAsJsonAsync("api/v1/cases/", CaseApiTests.OpenBody(id));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
