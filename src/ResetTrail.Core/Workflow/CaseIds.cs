using System.Security.Cryptography;

namespace ResetTrail.Core.Workflow;

/// <summary>Case ids: "rc-" and 48 random bits in hex, unguessable enough that an id in a link reveals no neighbour.</summary>
public static class CaseIds
{
    public static string New() => "rc-" + RandomNumberGenerator.GetHexString(12, lowercase: true);
}
