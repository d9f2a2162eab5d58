using System.Text.Json;

namespace ResetTrail.EvidenceLog.Tests.Notes;

/// <summary>One vector of TestData/signed-note-vectors/signed_note_vectors.json.</summary>
internal sealed record SignedNoteVector(
    string Id,
    string VerifierKey,
    IReadOnlyList<string> ExtraVerifierKeys,
    string Note,
    string Expect,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> IndependentCheck)
{
    public IEnumerable<string> AllVerifierKeys => [VerifierKey, .. ExtraVerifierKeys];

    public static IReadOnlyList<SignedNoteVector> Load()
    {
        using var document = JsonDocument.Parse(TestDataFiles.ReadText("signed-note-vectors", "signed_note_vectors.json"));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new SignedNoteVector(
            v.GetProperty("id").GetString()!,
            v.GetProperty("vkey").GetString()!,
            v.TryGetProperty("extra_vkeys", out var extra) ? extra.EnumerateArray().Select(e => e.GetString()!).ToList() : [],
            v.GetProperty("note").GetString()!,
            v.GetProperty("expect").GetString()!,
            v.GetProperty("independent_python_check").EnumerateObject().ToDictionary(
                trusted => trusted.Name,
                trusted => (IReadOnlyDictionary<string, string>)trusted.Value.EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetString()!))))
            .ToList();
    }

    public static SignedNoteVector Get(string id) => Load().Single(v => v.Id == id);
}
