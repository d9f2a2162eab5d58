using System.Text;
using ResetTrail.Ingestion.Identities;
using static ResetTrail.Ingestion.Tests.Tickets.HelpdeskData;

namespace ResetTrail.Ingestion.Tests.Identities;

public sealed class IdentityDirectoryTests
{
    private static IdentityDirectoryLoad LoadFile(string name)
    {
        using var stream = File.OpenRead(PathOf($"identities/{name}"));
        return IdentityDirectory.Load(stream, name);
    }

    private static IdentityDirectoryLoad LoadText(string text, string name = "people.csv") =>
        IdentityDirectory.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    [Theory]
    [InlineData("people.csv", "E1001")]
    [InlineData("people.csv", "alice@corp.example")]
    [InlineData("people.csv", "ALICE.EXAMPLE@corp.example")]
    [InlineData("people.csv", "Alice@Corp.OnMicrosoft.com")]
    [InlineData("people.csv", "6F1C2A3B-4D5E-4F60-8A9B-0C1D2E3F4A5B")]
    [InlineData("people.csv", @"corp\ALICE")]
    [InlineData("people.csv", "s-1-5-21-1004336348-1177238915-682003330-1105")]
    [InlineData("people.csv", "alice@corp-google.example")]
    [InlineData("people.csv", "00u1a2b3c4d5e6f7g8h9")]
    [InlineData("people.json", "e1001")]
    [InlineData("people.json", @"CORP\alice")]
    [InlineData("people.json", " 6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b ")]
    [InlineData("people.json", "00U1A2B3C4D5E6F7G8H9")]
    public void Every_identifier_resolves_to_the_person_ignoring_case(string file, string identifier)
    {
        var load = LoadFile(file);
        Assert.True(load.IsClean, string.Join("\n", load.Problems));

        var person = load.Directory.Resolve(identifier);

        Assert.NotNull(person);
        Assert.Equal("E1001", person.Id);
        Assert.Equal(["Finance", "VPN Users"], person.Groups);
        Assert.Equal(["Helpdesk Administrator"], person.Roles);
        Assert.True(load.Directory.SamePerson(identifier, "alice@corp.onmicrosoft.com"));
    }

    [Theory]
    [InlineData("people.csv")]
    [InlineData("people.json")]
    public void The_manager_resolves_and_people_are_kept_apart(string file)
    {
        var directory = LoadFile(file).Directory;
        var alice = directory.Resolve(@"CORP\alice")!;

        Assert.Equal("Bob Manager, Jr.", directory.ManagerOf(alice)!.DisplayName);
        Assert.False(directory.SamePerson("alice@corp.example", "bob@corp.example"));
        Assert.Null(directory.Resolve("mallory@corp.example"));
        Assert.Equal(2, directory.People.Count);
    }

    [Fact]
    public void Unknown_identifiers_are_the_same_person_only_when_identical()
    {
        var directory = LoadFile("people.csv").Directory;

        Assert.True(directory.SamePerson("Zed@Corp.example", "zed@corp.example"));
        Assert.False(directory.SamePerson("zed", "zed@corp.example"));
    }

    [Fact]
    public void An_identifier_claimed_by_two_people_is_a_problem_and_never_merges()
    {
        var load = LoadText("""
            person_id,email,okta_login
            E1,alice@corp.example,alice@corp.example
            E2,ALICE@corp.example,al@corp.example
            E3,carol@corp.example,
            """);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("people.csv:3", problem.Location);
        Assert.Contains("'ALICE@corp.example' already belongs to person E1 (people.csv:2)", problem.Message, StringComparison.Ordinal);
        Assert.Null(load.Directory.Resolve("al@corp.example"));
        Assert.False(load.Directory.SamePerson("al@corp.example", "alice@corp.example"));
        Assert.NotNull(load.Directory.Resolve("carol@corp.example"));
    }

    [Fact]
    public void Malformed_identifiers_are_problems_naming_the_column()
    {
        var load = LoadText("""
            person_id,ad_account,ad_sid,entra_object_id,email
            E1,alice,1105,not-a-guid,alice
            """);

        var message = Assert.Single(load.Problems).Message;
        Assert.Contains(@"ad_account: 'alice' is not DOMAIN\sAMAccountName", message, StringComparison.Ordinal);
        Assert.Contains("ad_sid: '1105' is not a SID", message, StringComparison.Ordinal);
        Assert.Contains("entra_object_id: 'not-a-guid' is not a GUID", message, StringComparison.Ordinal);
        Assert.Contains("'alice' is not an e-mail address", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_is_reported_rather_than_ignored()
    {
        var load = LoadText("person_id,okta_logn\nE1,alice@corp.example\n");

        Assert.Equal("people.csv:1", Assert.Single(load.Problems).Location);
        Assert.Empty(load.Directory.People);
    }

    [Fact]
    public void A_json_record_with_a_wrong_shape_is_a_problem_and_the_rest_load()
    {
        var load = LoadText("""[{"person_id":"E1","groups":[1]},{"person_id":"E2","email":"e2@corp.example"}]""", "people.json");

        Assert.Equal("people.json#1: groups: expected a string or an array of strings, found Array", Assert.Single(load.Problems).ToString());
        Assert.NotNull(load.Directory.Resolve("e2@corp.example"));
    }

    [Fact]
    public void Evident_ties_identical_addresses_ignoring_case()
    {
        var directory = IdentityDirectory.Evident();

        Assert.True(directory.SamePerson("Alice@Corp.example", "alice@corp.example"));
        Assert.Equal(directory.Resolve("Alice@Corp.example")!.Id, directory.Resolve("alice@corp.example")!.Id);
        Assert.True(directory.SamePerson(@"CORP\alice", @"corp\ALICE"));
    }

    [Theory]
    [InlineData("alice", "alice@corp.example")]
    [InlineData("alice@corp.example", "alice@corp.onmicrosoft.com")]
    [InlineData(@"CORP\alice", "alice")]
    [InlineData("alice@corp.example", "alice.example@corp.example")]
    [InlineData("alice", "")]
    [InlineData(null, null)]
    public void Evident_never_merges_on_a_guess(string? a, string? b)
    {
        var directory = IdentityDirectory.Evident();

        Assert.False(directory.SamePerson(a, b));
        Assert.NotEqual(directory.Resolve("alice")!.Id, directory.Resolve("alice@corp.example")!.Id);
    }
}
