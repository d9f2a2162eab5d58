using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ResetTrail.EvidenceLog;

namespace ResetTrail.Bundles.Format;

/// <summary>
/// Reads and writes bundles. Reading is strict, because every byte an auditor is shown must either be covered by
/// a signature or compared with something that is: unknown and duplicate members, missing members and nulls are
/// refused, so an edited member name cannot slip through as ignored data.
/// </summary>
public static class BundleJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonSerializerOptions Options = new(BundleJsonContext.Default.Options)
    {
        // The file is read by people and scripts, never embedded in HTML: '+' and '—' stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(EvidenceBundle bundle) =>
        JsonSerializer.Serialize(bundle, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<EvidenceBundle>)Options.GetTypeInfo(typeof(EvidenceBundle))) + "\n";

    public static Result<EvidenceBundle> Read(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return Result<EvidenceBundle>.Fail("the bundle is not valid UTF-8");
        }

        return Read(text);
    }

    public static Result<EvidenceBundle> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var version = FormatOf(json);
        if (!version.IsSuccess)
        {
            return Result<EvidenceBundle>.Fail(version.Error);
        }

        if (version.Value != EvidenceBundle.FormatV1)
        {
            return Result<EvidenceBundle>.Fail($"format '{version.Value}' is not {EvidenceBundle.FormatV1}, the one this verifier reads");
        }

        try
        {
            var bundle = JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<EvidenceBundle>)Options.GetTypeInfo(typeof(EvidenceBundle)));
            return bundle is null ? Result<EvidenceBundle>.Fail("the bundle is JSON null") : bundle;
        }
        catch (JsonException e)
        {
            return Result<EvidenceBundle>.Fail($"the bundle does not have the {EvidenceBundle.FormatV1} shape: {e.Message}");
        }
    }

    /// <summary>The format member, read first so a bundle of another version is named as such, not as malformed.</summary>
    private static Result<string> FormatOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Result<string>.Fail("the bundle is not a JSON object");
            }

            return document.RootElement.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                ? format.GetString()!
                : Result<string>.Fail($"the bundle has no \"format\" member; expected \"{EvidenceBundle.FormatV1}\"");
        }
        catch (JsonException e)
        {
            return Result<string>.Fail($"the bundle is not valid JSON: {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(EvidenceBundle))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
