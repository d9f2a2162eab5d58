using System.Text;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.Cli.Log;

/// <summary>Reads what an offline verification is given: a verifier key, and text files that must be valid UTF-8.</summary>
internal static class OfflineInputs
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A verifier key given inline (name+id+key) or as a file holding one.</summary>
    public static VerifierKey Key(string keyOrFile)
    {
        var text = File.Exists(keyOrFile) ? ReadText(keyOrFile).Trim() : keyOrFile;
        var parsed = VerifierKey.Parse(text);
        return parsed.IsSuccess ? parsed.Value : throw new CommandFailedException($"--key: {parsed.Error}", ExitCodes.Usage);
    }

    public static string ReadText(string path)
    {
        try
        {
            return StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (FileNotFoundException)
        {
            throw new CommandFailedException($"'{path}' does not exist");
        }
        catch (DecoderFallbackException)
        {
            throw new CommandFailedException($"'{path}' is not valid UTF-8");
        }
    }

    public static byte[] ReadBytes(string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new CommandFailedException($"'{path}' does not exist");
}
