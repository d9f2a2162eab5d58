using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>What a file declares once and rules refer to by name; a reference to an undeclared name is a problem.</summary>
internal sealed record PolicyNames
{
    public required IReadOnlyDictionary<VerificationMethod, int> Strengths { get; init; }

    public required IReadOnlyList<Site> Sites { get; init; }

    public required IReadOnlyDictionary<string, string> Authorities { get; init; }

    public required IReadOnlyDictionary<string, TimeSpan> RetentionClasses { get; init; }
}
