using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Core.Tests.Workflow;

/// <summary>docs/design/workflow.md prints the transition table; this keeps the page and the code from drifting apart.</summary>
public sealed class WorkflowDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "design", "workflow.md"));

    [Fact]
    public void The_workflow_page_prints_the_transition_table_row_for_row()
    {
        var printed = Document.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("| case.", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();

        var expected = TransitionTable.Rows.Select(row => new[]
        {
            EvidenceTypes.Name(row.Step),
            ((int)row.Step).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"`{row.Command}`",
            row.From.Count == 0 ? "(none: starts a case)" : string.Join(", ", row.From.Order().Select(WireName.Of)),
            row.To,
        }).ToList();
        Assert.Equal(expected.Count, printed.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], printed[i]);
        }
    }

    [Fact]
    public void The_workflow_page_names_every_command_and_every_state()
    {
        foreach (var row in TransitionTable.Rows)
        {
            Assert.Contains($"`{row.Command}`", Document, StringComparison.Ordinal);
        }

        foreach (var state in WireName.All<CaseState>())
        {
            Assert.Contains(state, Document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_workflow_page_cites_every_workflow_error_code_it_explains()
    {
        string[] codes = ["RT-2000", "RT-2101", "RT-2301", "RT-2302", "RT-2303", "RT-2401", "RT-2402", "RT-2403", "RT-2404", "RT-2405", "RT-2501", "RT-2502", "RT-2503", "RT-2601"];

        Assert.All(codes, code => Assert.Contains(code, Document, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResetTrail.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ResetTrail.slnx above {AppContext.BaseDirectory}");
    }
}
