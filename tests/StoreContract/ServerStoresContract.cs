using System.Security.Cryptography;
using System.Text;
using ResetTrail.Accounts;
using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core.Access;
using ResetTrail.Detection.Alerts;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Inbox;

namespace ResetTrail.StoreContract;

/// <summary>
/// What every backend must do for the stores a server keeps beside the log: API tokens, the real-time inbox, local
/// accounts and the alert outbox (ADR 0043). Run once per backend; races run on several threads at once.
/// </summary>
public abstract class ServerStoresContract : IDisposable
{
    private readonly Lazy<StoreBackend> backend;

    protected ServerStoresContract() => backend = new(NewBackend);

    private StoreBackend Backend => backend.Value;

    private DateTimeOffset Now => Backend.Time.GetUtcNow();

    public void Dispose()
    {
        if (backend.IsValueCreated)
        {
            backend.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract StoreBackend NewBackend();

    [Fact]
    public void A_token_reads_back_by_its_hash_and_a_revoked_one_frees_its_name()
    {
        using var log = Backend.Initialize();
        var tokens = Backend.Tokens(log);
        var first = Token("t-1", "ci-bot", Now.AddDays(90));

        Assert.True(tokens.Add(first, Now));
        Assert.False(tokens.Add(Token("t-2", "ci-bot", null), Now));
        var read = tokens.FindByHash(first.Hash)!;
        Assert.Equal((first.Id, first.Name, first.CreatedBy, first.CreatedAt, first.ExpiresAt), (read.Id, read.Name, read.CreatedBy, read.CreatedAt, read.ExpiresAt));
        Assert.Equal(["auditor", "desk_agent"], read.Roles);
        Assert.Null(tokens.FindByHash(SHA256.HashData("no such token"u8)));

        Assert.True(tokens.Revoke("t-1", "admin", Now));
        Assert.False(tokens.Revoke("t-1", "admin", Now));
        Assert.True(tokens.Add(Token("t-3", "ci-bot", null), Now));
        Assert.Equal(["t-1", "t-3"], tokens.List().Select(t => t.Id));
        Assert.Equal(("admin", Now), (tokens.List()[0].RevokedBy, tokens.List()[0].RevokedAt));
    }

    [Fact]
    public void An_expired_token_frees_its_name()
    {
        using var log = Backend.Initialize();
        var tokens = Backend.Tokens(log);
        Assert.True(tokens.Add(Token("t-1", "nightly", Now.AddHours(1)), Now));

        Assert.False(tokens.Add(Token("t-2", "nightly", null), Now.AddMinutes(59)));
        Assert.True(tokens.Add(Token("t-3", "nightly", null), Now.AddHours(1)));
    }

    [Fact]
    public void Racing_creates_of_one_name_store_one_active_token()
    {
        using var log = Backend.Initialize();
        var tokens = Backend.Tokens(log);

        var added = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(i => tokens.Add(Token($"t-{i}", "racer", null), Now)).ToList();

        Assert.Single(added, a => a);
        Assert.Single(tokens.List());
    }

    [Fact]
    public void Events_are_read_from_a_time_by_the_index_and_the_newest_time_is_known()
    {
        var events = Backend.Events(Backend.Initialize());
        Assert.Null(events.Newest());
        var start = PasswordResets.Start;
        static IdentityEvent Reset(string id, int minutes) => PasswordResets.At(id, minutes);

        events.Store([Reset("late", 90), Reset("first", 0), Reset("middle", 30), Reset("edge", 60)]);

        Assert.Equal(start.AddMinutes(90), events.Newest());
        Assert.Equal(["edge", "late"], events.ReadSince(start.AddMinutes(60)).Select(e => e.SourceEventId));
        Assert.Equal(["first", "middle", "edge", "late"], events.ReadSince(DateTimeOffset.MinValue).Select(e => e.SourceEventId));
        Assert.Empty(events.ReadSince(start.AddMinutes(91)));
    }

    [Fact]
    public void The_inbox_keeps_deliveries_in_arrival_order_until_they_are_completed()
    {
        using var log = Backend.Initialize();
        var inbox = Backend.Inbox(log);

        var ids = inbox.Accept([Delivery("a"), Delivery("b", source: null), Delivery("c")], Now);
        var single = inbox.Accept(Delivery("d"), Now.AddSeconds(1));

        Assert.Equal(ids.Order(), ids);
        Assert.True(single > ids[^1]);
        var pending = inbox.Pending(10);
        Assert.Equal(["a", "b", "c", "d"], pending.Select(p => Encoding.UTF8.GetString(p.Body)));
        Assert.Equal(("webhook", (string?)"okta", (string?)"192.0.2.7", Now), (pending[0].Channel, pending[0].Source, pending[0].Peer, pending[0].ReceivedAt));
        Assert.Null(pending[1].Source);
        Assert.Equal(["a", "b"], inbox.Pending(2).Select(p => Encoding.UTF8.GetString(p.Body)));

        inbox.Complete(ids[0], events: 3, problems: 0, Now);
        inbox.Complete(ids[1], events: 0, problems: 1, Now.AddHours(2));

        Assert.Equal(2, inbox.PendingCount());
        Assert.Equal(1, inbox.Purge(Now.AddHours(1)));
        Assert.Equal(0, inbox.Purge(Now.AddHours(1)));
        Assert.Equal(ids[2], inbox.Pending(10)[0].Id);
    }

    [Fact]
    public void A_batch_of_deliveries_is_completed_at_once_and_only_those()
    {
        using var log = Backend.Initialize();
        var inbox = Backend.Inbox(log);
        var ids = inbox.Accept([Delivery("a"), Delivery("b"), Delivery("c"), Delivery("d")], Now);

        inbox.Complete([new InboxCompletion(ids[0], 5, 0), new InboxCompletion(ids[2], 0, 2)], Now.AddHours(2));

        Assert.Equal([ids[1], ids[3]], inbox.Pending(10).Select(p => p.Id));
        Assert.Equal(2, inbox.PendingCount());
        Assert.Equal(0, inbox.Purge(Now.AddHours(1)));
        Assert.Equal(2, inbox.Purge(Now.AddHours(3)));
        Assert.Equal(2, inbox.PendingCount());
    }

    [Fact]
    public void An_accepted_delivery_is_pending_for_another_handle_on_the_database()
    {
        using var log = Backend.Initialize();
        var id = Backend.Inbox(log).Accept(Delivery("survives"), Now);

        using var other = Backend.Open(keyPath: null);

        Assert.Equal(id, Backend.Inbox(other).Pending(10).Single().Id);
    }

    [Fact]
    public void An_account_reads_back_as_stored_with_its_totp_secret_sealed()
    {
        using var log = Backend.Initialize();
        var accounts = Backend.Accounts(log);
        var secret = TotpSecret.Generate();
        var lockout = new LockoutState(2, Now, 1, Now.AddMinutes(5));
        var account = NewAccount("carl", Role.DeskAgent, Role.Verifier) with { TotpSecret = secret, TotpConfirmed = true, Lockout = lockout, LastTotpStep = 42 };

        Assert.True(accounts.Add(account).IsSuccess);
        var read = accounts.Find("carl")!;

        Assert.Equal((account.Login, account.DisplayName, account.PasswordHash, account.Created), (read.Login, read.DisplayName, read.PasswordHash, read.Created));
        Assert.Equal(account.Roles.Order(), read.Roles.Order());
        Assert.Equal(secret.Key.ToArray(), read.TotpSecret!.Key.ToArray());
        Assert.Equal((true, false, 42L), (read.TotpConfirmed, read.Disabled, read.LastTotpStep!.Value));
        Assert.Equal(lockout, read.Lockout);
        Assert.Null(accounts.Find("nobody"));
    }

    [Fact]
    public void Account_changes_touch_their_own_columns()
    {
        using var log = Backend.Initialize();
        var accounts = Backend.Accounts(log);
        accounts.Add(NewAccount("carl", Role.DeskAgent) with { TotpSecret = TotpSecret.Generate(), TotpConfirmed = true });
        accounts.Add(NewAccount("anna", Role.Auditor));

        accounts.SetRoles("carl", new HashSet<Role> { Role.Approver, Role.Auditor });
        accounts.SetDisabled("carl", disabled: true);
        accounts.SetPasswordHash("carl", "$pbkdf2-sha256$i=1$new");
        accounts.SetTotp("carl", null, confirmed: true);
        accounts.SetLockout("anna", new LockoutState(1, Now, 0, null));
        var read = accounts.Find("carl")!;

        Assert.Equal([Role.Approver, Role.Auditor], read.Roles.Order());
        Assert.True(read.Disabled);
        Assert.Equal("$pbkdf2-sha256$i=1$new", read.PasswordHash);
        Assert.Null(read.TotpSecret);
        Assert.False(read.TotpConfirmed);
        Assert.Equal(new LockoutState(1, Now, 0, null), accounts.Find("anna")!.Lockout);
        Assert.False(accounts.SetDisabled("nobody", disabled: true));
        Assert.Equal(["anna", "carl"], accounts.List().Select(a => a.Login));
    }

    [Fact]
    public void Racing_first_administrators_add_exactly_one_and_a_login_is_taken_once()
    {
        using var log = Backend.Initialize();
        var accounts = Backend.Accounts(log);

        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => accounts.Add(NewAccount($"admin{i}", Role.Administrator), onlyIfNoAdministrator: true)).ToList();

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(AccountErrors.AdministratorExists, r.Error!.Code));
        var admin = Assert.Single(accounts.List());
        Assert.Equal(AccountErrors.LoginTaken, accounts.Add(NewAccount(admin.Login, Role.Auditor)).Error?.Code);
    }

    [Fact]
    public void Racing_uses_of_one_totp_step_let_exactly_one_through_and_steps_only_go_forwards()
    {
        using var log = Backend.Initialize();
        var accounts = Backend.Accounts(log);
        accounts.Add(NewAccount("carl", Role.DeskAgent));

        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ => accounts.TryUseTotpStep("carl", 100)).ToList();

        Assert.Single(results, r => r);
        Assert.False(accounts.TryUseTotpStep("carl", 99));
        Assert.True(accounts.TryUseTotpStep("carl", 101));
    }

    [Fact]
    public void Alerts_and_the_detector_position_are_written_together_and_a_replay_queues_nothing_twice()
    {
        using var log = Backend.Initialize();
        var outbox = Backend.AlertOutbox(log);

        outbox.Enqueue([Alert(1), Alert(2)], ["soc", "siem"], "okta.ndjson", "line 120");
        Assert.Equal("line 120", outbox.Position("okta.ndjson"));
        Assert.Null(outbox.Position("entra.json"));
        outbox.Enqueue([Alert(2), Alert(3)], ["soc", "siem"], "okta.ndjson", "line 180");

        Assert.Equal(3, outbox.Pending("soc"));
        Assert.Equal(3, outbox.Pending("siem"));
        Assert.Equal("line 180", outbox.Position("okta.ndjson"));
    }

    [Fact]
    public void A_failed_alert_waits_for_its_retry_and_a_delivered_one_is_done()
    {
        using var log = Backend.Initialize();
        var outbox = Backend.AlertOutbox(log);
        outbox.Enqueue([Alert(1), Alert(2)], ["soc"], "okta", "2");

        var first = outbox.NextDue("soc", Now)!;
        Assert.Equal((Alert(1).Id, 0), (first.Alert.Id, first.Attempts));
        outbox.Failed(first.Id, Now.AddMinutes(10), "503 from the receiver");
        var second = outbox.NextDue("soc", Now)!;
        Assert.Equal(Alert(2).Id, second.Alert.Id);
        outbox.Delivered(second.Id, Now);

        Assert.Null(outbox.NextDue("soc", Now.AddMinutes(9)));
        Assert.Equal(1, outbox.Pending("soc"));
        var retried = outbox.NextDue("soc", Now.AddMinutes(10))!;
        Assert.Equal((first.Id, 1), (retried.Id, retried.Attempts));
        Assert.Equal("marge@springfield.gov reset the password of homer@springfield.gov", retried.Alert.Summary);
    }

    [Fact]
    public void Recent_alerts_are_listed_once_each_whatever_the_sinks_latest_first()
    {
        using var log = Backend.Initialize();
        var outbox = Backend.AlertOutbox(log);
        outbox.Enqueue([Alert(1), Alert(2)], ["soc", "siem"], "okta", "2");
        outbox.Enqueue([Alert(2), Alert(3)], ["soc", "siem"], "okta", "3");

        Assert.Equal([Alert(3).Id, Alert(2).Id, Alert(1).Id], outbox.Recent(10).Select(a => a.Id));
        Assert.Equal([Alert(3).Id], outbox.Recent(1).Select(a => a.Id));
        Assert.Equal(("RT-D015", "identity-security"), (outbox.Recent(1)[0].Rule.Id, outbox.Recent(1)[0].Rule.Owner));
    }

    private static StoredApiToken Token(string id, string name, DateTimeOffset? expires) =>
        new(id, name, SHA256.HashData(Encoding.UTF8.GetBytes("secret of " + id)), ["auditor", "desk_agent"], "admin",
            new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), expires, null, null);

    private static InboxDelivery Delivery(string body, string? source = "okta") =>
        new("webhook", source, "192.0.2.7", Encoding.UTF8.GetBytes(body));

    private static Alert Alert(int n)
    {
        var at = new DateTimeOffset(2026, 3, 4, 10, n, 0, TimeSpan.Zero);
        var evidence = new[] { new AlertEvidence("okta", $"event-{n}", "user.account.reset_password", at) };
        return new Alert
        {
            Id = AlertIds.Of("RT-D015", "homer@springfield.gov", evidence),
            Rule = new RuleInfo("RT-D015", "Password reset of another user", Severity.Low, "T1098", "identity-security"),
            Subject = "homer@springfield.gov",
            Time = at,
            WindowStart = at,
            WindowEnd = at,
            Threshold = "a password reset where the initiator is not the target",
            Summary = "marge@springfield.gov reset the password of homer@springfield.gov",
            Evidence = evidence,
        };
    }

    private Account NewAccount(string login, params Role[] roles) =>
        new(login, login.ToUpperInvariant(), roles.ToHashSet(), "$pbkdf2-sha256$i=1$x", null, false, false, Now, LockoutState.None, null);
}
