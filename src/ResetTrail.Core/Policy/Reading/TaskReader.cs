namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>tasks: [{kind, within}]</c>, the post-reset tasks and their deadlines after execution.</summary>
internal static class TaskReader
{
    public static IReadOnlyList<PostResetTask>? Read(MapReader block)
    {
        if (block.Value("tasks") is not { } node || Scalars.Items(node, block.Field("tasks"), block.Problems) is not { } items)
        {
            return null;
        }

        var tasks = new List<PostResetTask>();
        foreach (var (item, field) in items)
        {
            if (MapReader.Open(item, field, block.Problems, "kind", "within") is not { } task)
            {
                continue;
            }

            var kind = task.Enum<PostResetTaskKind>("kind", required: true);
            var within = task.Duration("within", required: true);
            if (kind is { } k && tasks.Any(t => t.Kind == k))
            {
                block.Problems.Error(task.Value("kind")!, task.Field("kind"), PolicyProblemCodes.Duplicate, $"'{WireName.Of(k)}' is listed twice");
            }
            else if (kind is not null && within is not null)
            {
                tasks.Add(new PostResetTask(kind.Value, within.Value));
            }
        }

        return tasks;
    }
}
