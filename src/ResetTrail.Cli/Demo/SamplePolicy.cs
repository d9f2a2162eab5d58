using System.Security.Cryptography;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Demo;

/// <summary>policies/sample-policy.yaml, embedded in the CLI so the demo runs from any folder.</summary>
internal static class SamplePolicy
{
    public const string ResourceName = "ResetTrail.Cli.Demo.sample-policy.yaml";

    public const string Source = "policies/sample-policy.yaml (embedded in resettrail)";

    public static byte[] Bytes()
    {
        using var stream = typeof(SamplePolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the CLI was built without its embedded {ResourceName}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static ResetPolicy Load(byte[] bytes)
    {
        var loaded = PolicyLoader.Load(bytes, Source);
        return loaded.Policy ?? throw new CommandFailedException($"the embedded sample policy does not load: {loaded.Errors.FirstOrDefault()}");
    }
}
