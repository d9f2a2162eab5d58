using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

public sealed partial class SqliteCaseStore
{
    IReadOnlyList<ResetCase> ICaseStore.LoadAll() => LoadAll();
}
