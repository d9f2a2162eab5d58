using System.Xml.Linq;

namespace ResetTrail.Architecture.Tests;

public sealed class ProjectReferenceTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string, string[], string[]> AllowedDependencies() => new()
    {
        // The evidence log is what auditors take alone: base library and one Ed25519 implementation.
        { "src/ResetTrail.EvidenceLog", [], ["NSec.Cryptography", "Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // The domain core does no I/O and depends on nothing of ours; policy files are YAML.
        { "src/ResetTrail.Core", [], ["YamlDotNet", "Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // Accounts: the store keeps local accounts (ResetTrail.Accounts' IAccountStore) in the same file.
        { "src/ResetTrail.Storage.Sqlite", ["ResetTrail.EvidenceLog", "ResetTrail.Core", "ResetTrail.Ingestion", "ResetTrail.Accounts", "ResetTrail.Detection"], ["Microsoft.Data.Sqlite", "Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // Local accounts: password hashing, TOTP and lockout need only the base library's cryptography.
        // The account secrets key is an owner-only key file like the log's signing key (EvidenceLog's OwnerOnlyFile, Result).
        { "src/ResetTrail.Accounts", ["ResetTrail.Core", "ResetTrail.EvidenceLog"], ["Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // The shared store holds what the SQLite store holds, natively for PostgreSQL; SQLite users never load Npgsql.
        // Accounts and Detection: it implements their store interfaces (IAccountStore, IAlertOutbox) for servers that share it.
        { "src/ResetTrail.Storage.Postgres", ["ResetTrail.EvidenceLog", "ResetTrail.Core", "ResetTrail.Ingestion", "ResetTrail.Accounts", "ResetTrail.Detection"], ["Npgsql", "Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // Bundles are verified offline: the workflow's rules and the log's proofs, never a database.
        { "src/ResetTrail.Bundles", ["ResetTrail.Core", "ResetTrail.EvidenceLog"], ["Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        { "src/ResetTrail.Ingestion", ["ResetTrail.Core"], ["Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // Detection reads normalised events (Ingestion) and case steps (Core); no database, no server: hosts feed it.
        { "src/ResetTrail.Detection", ["ResetTrail.Core", "ResetTrail.Ingestion"], ["Microsoft.CodeAnalysis.BannedApiAnalyzers"] },
        // The server hosts the same workflow, log and SQLite store the command line uses; ASP.NET Core is a framework reference.
        // Bundles for the auditor's download, Ingestion for findings; OpenAPI describes the API it serves.
        // Sign-in: local accounts (Accounts) and OpenID Connect through OpenIddict's client and validation (ADR 0012).
        // Storage.Postgres: serve on a PostgreSQL database several servers share (ADR 0043); the handlers see only interfaces.
        { "src/ResetTrail.Server", ["ResetTrail.Core", "ResetTrail.EvidenceLog", "ResetTrail.Storage.Sqlite", "ResetTrail.Storage.Postgres", "ResetTrail.Bundles", "ResetTrail.Ingestion", "ResetTrail.Accounts"],
            ["Microsoft.AspNetCore.OpenApi", "Microsoft.CodeAnalysis.BannedApiAnalyzers", "OpenIddict.Client.AspNetCore", "OpenIddict.Client.SystemNetHttp",
             "OpenIddict.Validation.AspNetCore", "OpenIddict.Validation.SystemNetHttp", "Microsoft.Extensions.Http.Resilience"] },
    };

    [Theory]
    [MemberData(nameof(AllowedDependencies))]
    public void Libraries_depend_only_on_what_their_role_allows(string project, string[] projects, string[] packages)
    {
        var (projectReferences, packageReferences) = References(project);

        Assert.Empty(projectReferences.Except(projects));
        Assert.Empty(packageReferences.Except(packages));
    }

    [Fact]
    public void No_source_project_references_a_test_or_bench_project()
    {
        foreach (var project in Directory.GetDirectories(Path.Combine(Root, "src")))
        {
            var (projectReferences, _) = References(Path.GetRelativePath(Root, project));
            Assert.DoesNotContain(projectReferences, r => r.EndsWith(".Tests", StringComparison.Ordinal) || r.Contains("Bench", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_source_project_has_a_test_project_that_mirrors_it()
    {
        var sources = Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName);
        var tests = Directory.GetDirectories(Path.Combine(Root, "tests")).Select(Path.GetFileName).ToHashSet();

        Assert.All(sources, s => Assert.Contains(s + ".Tests", tests));
    }

    [Fact]
    public void Package_versions_are_central()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var versioned = XDocument.Load(file).Descendants("PackageReference").Where(p => p.Attribute("Version") is not null);
            Assert.Empty(versioned.Select(p => $"{Path.GetFileName(file)}: {p.Attribute("Include")?.Value}"));
        }
    }

    private static (List<string> Projects, List<string> Packages) References(string project)
    {
        var directory = Path.Combine(Root, project);
        var document = XDocument.Load(Directory.GetFiles(directory, "*.csproj").Single());
        var projects = document.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var packages = document.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)
            .Concat(XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("PackageReference")
                .Where(r => r.Parent?.Attribute("Condition")?.Value.Contains("IsTestProject", StringComparison.Ordinal) == true)
                .Select(r => r.Attribute("Include")!.Value))
            .ToList();
        return (projects, packages);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ResetTrail.slnx not found above the test binaries");
    }
}
