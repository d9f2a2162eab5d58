using System.Security.Cryptography;
using System.Text;
using ResetTrail.Core.Policy.Reading;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy;

/// <summary>
/// Reads a policy file's bytes into a <see cref="ResetPolicy"/>, or into the list of everything wrong with it.
/// A policy is only loaded when it has no errors: a half-read policy is a weakened one.
/// </summary>
public static class PolicyLoader
{
    /// <summary>A policy is a page or two of YAML; a megabyte is a mistake or an attack, refused before parsing.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PolicyLoadResult Load(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var problems = new ProblemList(sourceName);
        if (bytes.Length > MaxBytes)
        {
            problems.Error(1, 1, string.Empty, PolicyProblemCodes.File, $"the file is {bytes.Length} bytes; a policy file may have at most {MaxBytes}");
            return new PolicyLoadResult(null, problems.All);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problems.Error(1, 1, string.Empty, PolicyProblemCodes.File, "the file is not UTF-8 text");
            return new PolicyLoadResult(null, problems.All);
        }

        var root = YamlTreeReader.Read(text.TrimStart('\uFEFF'), problems);
        var document = root is null ? null : DocumentReader.Read(root, problems);
        if (document is not null && !problems.HasErrors)
        {
            RuleCoverage.Check(document, problems);
        }

        var ordered = problems.All.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return problems.HasErrors || document is null
            ? new PolicyLoadResult(null, ordered)
            : new PolicyLoadResult(new ResetPolicy(document, Convert.ToHexStringLower(SHA256.HashData(bytes))), ordered);
    }
}
