using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Api;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Cases;

/// <summary>Turns an open-case body into the workflow's request, naming the first field that is missing or wrong.</summary>
internal static class CaseOpening
{
    public static Outcome<OpenCaseRequest> Read(OpenCaseBody body, string generatedId, string actor)
    {
        var missing = Fields.Missing("ticket.system", body.Ticket?.System) ?? Fields.Missing("ticket.key", body.Ticket?.Key)
            ?? Fields.Missing("target.directory", body.Target?.Directory) ?? Fields.Missing("target.id", body.Target?.Id)
            ?? Fields.Missing("requester", body.Requester);
        if (missing is not null)
        {
            return missing;
        }

        if (!Fields.TryWire<ResetKind>("kind", body.Kind, out var kind, out var error) ||
            !Fields.TryWire<Channel>("channel", body.Channel, out var channel, out error) ||
            !Fields.TryWire<InitiatorType>("initiator.type", body.Initiator?.Type ?? "internal", out var initiator, out error))
        {
            return error!;
        }

        if (initiator != InitiatorType.Internal && string.IsNullOrWhiteSpace(body.Initiator?.Organisation))
        {
            return HttpErrors.BadRequest("initiator.organisation: a third party is named, e.g. \"Acme Support\"");
        }

        var target = body.Target!;
        return new OpenCaseRequest(
            body.CaseId is { Length: > 0 } id ? id : generatedId,
            new Ticket(body.Ticket!.System!, body.Ticket.Key!, body.Ticket.Url),
            new TargetIdentity(target.Directory!, target.Id!)
            {
                DisplayName = target.DisplayName,
                Groups = target.Groups ?? [],
                Roles = target.Roles ?? [],
                Site = target.Site,
            },
            kind,
            channel,
            new Initiator(initiator, initiator == InitiatorType.Internal ? null : body.Initiator!.Organisation),
            body.Requester!,
            actor);
    }
}
