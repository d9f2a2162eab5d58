using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>verification: {methods, min_strength, callback, step_up}</c>; each field is inherited separately.</summary>
internal static class VerificationReader
{
    public static Requirements Read(MapReader block, PolicyNames names, string ruleId, Requirements requirements)
    {
        if (block.Value("verification") is not { } node
            || MapReader.Open(node, block.Field("verification"), block.Problems, "methods", "min_strength", "callback", "step_up") is not { } verification)
        {
            return requirements;
        }

        return requirements with
        {
            Methods = verification.SourcedRef<IReadOnlyList<VerificationMethod>>("methods", Methods(verification), ruleId),
            MinStrength = verification.Sourced("min_strength", verification.Int("min_strength", 1, MethodStrengths.Strongest), ruleId),
            Callback = verification.Sourced("callback", verification.Bool("callback"), ruleId),
            StepUp = verification.Sourced("step_up", verification.Bool("step_up"), ruleId),
        };
    }

    private static List<VerificationMethod>? Methods(MapReader verification)
    {
        if (verification.Value("methods") is not { } node || Scalars.Items(node, verification.Field("methods"), verification.Problems) is not { } items)
        {
            return null;
        }

        var methods = new List<VerificationMethod>();
        foreach (var (item, field) in items)
        {
            if (Scalars.Enum<VerificationMethod>(item, field, verification.Problems) is not { } method)
            {
                continue;
            }

            if (methods.Contains(method))
            {
                verification.Problems.Error(item, field, PolicyProblemCodes.Duplicate, $"'{WireName.Of(method)}' is listed twice");
            }
            else
            {
                methods.Add(method);
            }
        }

        if (items.Count == 0)
        {
            verification.Problems.Error(node, verification.Field("methods"), PolicyProblemCodes.Invalid, "name at least one method; to forbid the reset, write allowed: false");
        }

        return methods;
    }
}
