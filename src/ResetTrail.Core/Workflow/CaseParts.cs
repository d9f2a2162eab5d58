using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>The ticket a case answers: its system (servicenow, jira, ...), key and link.</summary>
public sealed record Ticket(string System, string Key, string? Url);

/// <summary>Who started the request: internal, or a named third party.</summary>
public sealed record Initiator(InitiatorType Type, string? Organisation);

public sealed record VerificationAttempt(int Attempt, string Verifier, VerificationMethod Method, bool Passed, DateTimeOffset At, IReadOnlyList<string> Artifacts, string EntryDigest);

public sealed record Approval(string Approver, string Authority, string Digest, DateTimeOffset At, DateTimeOffset ExpiresAt, bool Emergency, string? Reason);

public sealed record Denial(string Approver, DateTimeOffset At, string Reason);

public sealed record Execution(string Executor, DateTimeOffset At, string? IdpEventId, DateTimeOffset? ChangedAt, IReadOnlyList<string> ApprovalsUsed);

public sealed record IdpEventLink(string Source, string EventId, DateTimeOffset? ChangedAt, DateTimeOffset LinkedAt);

public sealed record CompletedTask(PostResetTaskKind Kind, string By, DateTimeOffset At, string? Note);

/// <summary>A step that has happened, with the actor and time evidence gives it (for the account printed by show and bundle verify).</summary>
public sealed record CaseStep(long Sequence, string Type, string Actor, DateTimeOffset At, string Summary);
