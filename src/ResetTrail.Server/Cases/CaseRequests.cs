namespace ResetTrail.Server.Cases;

// The bodies of the case steps. None names who acts: that is the signed-in user (ADR 0011).
internal sealed record TicketBody(string? System, string? Key, string? Url);

internal sealed record TargetBody(string? Directory, string? Id, string? DisplayName, string[]? Groups, string[]? Roles, string? Site);

internal sealed record InitiatorBody(string? Type, string? Organisation);

internal sealed record OpenCaseBody(string? CaseId, TicketBody? Ticket, TargetBody? Target, string? Kind, string? Channel, InitiatorBody? Initiator, string? Requester);

internal sealed record VerifyBody(string? Method, string? Result, string[]? Artifacts);

internal sealed record ApproveBody(string? Authority, string? Digest, bool Emergency, string? Reason);

internal sealed record ReasonBody(string? Reason);

internal sealed record NoteBody(string? Note);

internal sealed record ExecuteBody(string? IdpEvent, DateTimeOffset? ChangedAt, bool Failed, string? Reason);

internal sealed record LinkBody(string? Source, string? EventId, DateTimeOffset? ChangedAt);

internal sealed record TaskBody(string? Task, string? Note);

internal sealed record ReviewBody(string? Authority, string? Note);
