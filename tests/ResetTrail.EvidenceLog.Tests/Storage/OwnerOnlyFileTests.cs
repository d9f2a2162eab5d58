using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.EvidenceLog.Tests.Storage;

/// <summary>Key files: owner-only, never overwritten, and one winner when two writers race for the same name.</summary>
public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("resettrail-owner-only-").FullName;

    [Fact]
    public void Two_writers_racing_for_one_name_leave_exactly_one_winner_whose_content_the_file_holds()
    {
        // .NET's File.Move(overwrite: false) checks and then renames, so both writers used to succeed in about half
        // the rounds, the later key silently replacing the earlier (the PostgreSQL start-up race of two servers).
        for (var round = 0; round < 200; round++)
        {
            var path = Path.Combine(folder, $"key{round}");
            var won = new bool[2];
            using var start = new Barrier(2);
            var writers = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    OwnerOnlyFile.CreateNew(path, [(byte)('a' + i)], "test key");
                    won[i] = true;
                }
                catch (IOException)
                {
                    won[i] = false;
                }
            })).ToList();
            writers.ForEach(w => w.Start());
            writers.ForEach(w => w.Join());

            Assert.True(won.Count(w => w) == 1, $"round {round}: {won.Count(w => w)} writers succeeded");
            Assert.Equal([(byte)(won[0] ? 'a' : 'b')], File.ReadAllBytes(path));
        }

        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
    }

    [Fact]
    public void An_existing_file_is_never_overwritten_and_a_new_one_is_owner_only()
    {
        var path = Path.Combine(folder, "signing.key");
        OwnerOnlyFile.CreateNew(path, "first"u8, "signing key");

        var refused = Assert.Throws<IOException>(() => OwnerOnlyFile.CreateNew(path, "second"u8, "signing key"));

        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
        Assert.Equal("first"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Null(OwnerOnlyFile.Problem(path, "signing key"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
