using System.Diagnostics.CodeAnalysis;

namespace ResetTrail.EvidenceLog;

/// <summary>
/// An expected outcome: a value, or the reason there is none. Malformed input and failed checks
/// come back as values; exceptions are for bugs and infrastructure failures.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Result<T>.Ok/Fail are the factory idiom.")]
public sealed class Result<T>
{
    private readonly T? value;

    private Result(T? value, string? error)
    {
        this.value = value;
        Error = error;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public string? Error { get; }

    /// <summary>The value; reading it from a failure is a bug and throws.</summary>
    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"no value: {Error}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(string error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
}
