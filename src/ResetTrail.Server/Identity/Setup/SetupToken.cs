using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Server.Identity.Setup;

/// <summary>
/// The one-time token that lets whoever reads the server's console create the first administrator in the browser.
/// Made at start when no enabled administrator exists, kept only in memory, printed once to standard output (never to
/// the log), and retired when the administrator is created. Its ToString is redacted.
/// </summary>
internal sealed class SetupToken
{
    private readonly Lock gate = new();
    private string? value;

    private SetupToken(string? value) => this.value = value;

    public bool IsActive
    {
        get
        {
            lock (gate)
            {
                return value is not null;
            }
        }
    }

    public static SetupToken Create(bool needed) =>
        new(needed ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_') : null);

    /// <summary>The token text, for printing once at start.</summary>
    public string? Reveal()
    {
        lock (gate)
        {
            return value;
        }
    }

    public bool Matches(string? typed)
    {
        lock (gate)
        {
            return value is not null && typed is not null
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(typed.Trim()));
        }
    }

    public void Retire()
    {
        lock (gate)
        {
            value = null;
        }
    }

    public override string ToString() => "SetupToken(redacted)";
}
