using System.Diagnostics.CodeAnalysis;

namespace ResetTrail.Core;

/// <summary>An expected failure: a stable public code (documented under docs/errors/) and a sentence for people.</summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>
/// A value or the domain error that prevented it. Policy denials, failed verifications and illegal transitions
/// come back as outcomes; exceptions are for bugs and broken infrastructure.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Outcome<T>.Ok/Fail are the factory idiom.")]
public sealed class Outcome<T>
{
    private readonly T? value;

    private Outcome(T? value, DomainError? error)
    {
        this.value = value;
        Error = error;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public DomainError? Error { get; }

    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"no value: {Error}");

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(DomainError error) => new(default, error);

    public static Outcome<T> Fail(string code, string message) => new(default, new DomainError(code, message));

    public static implicit operator Outcome<T>(T value) => Ok(value);

    public static implicit operator Outcome<T>(DomainError error) => Fail(error);
}
