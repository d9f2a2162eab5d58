using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Identities;

/// <summary>
/// Who is who across identity providers. Loaded from an identities file, it ties every identifier of a person
/// together (case-insensitively); without one, <see cref="Evident"/> ties only identical strings, so "alice" and
/// "alice@corp.example" stay two people: a reset is never matched to a ticket on a guess.
/// </summary>
public sealed class IdentityDirectory
{
    private readonly Dictionary<string, Person> index = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Person> people = [];
    private Dictionary<Person, int>? numbers;

    private IdentityDirectory(bool evident) => IsEvident = evident;

    /// <summary>True when no identities file was given: only identical identifiers are the same person.</summary>
    public bool IsEvident { get; }

    public IReadOnlyList<Person> People => people;

    /// <summary>The directory to use when no identities file is given.</summary>
    public static IdentityDirectory Evident() => new(evident: true);

    /// <summary>
    /// Reads an identities file: JSON when the name ends in .json, CSV otherwise. The directory holds every good
    /// record; each bad one (malformed, or claiming an identifier another person holds) is a problem, never merged.
    /// </summary>
    public static IdentityDirectoryLoad Load(Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var directory = new IdentityDirectory(evident: false);
        var problems = new List<RecordProblem>();
        var records = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? IdentityRecords.FromJson(input, fileName)
            : IdentityRecords.FromCsv(input, fileName);
        foreach (var record in records)
        {
            var problem = record.Problem ?? directory.TryAdd(record.Person!);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return new IdentityDirectoryLoad(directory, problems);
    }

    /// <summary>The person any of whose identifiers this is (case-insensitive); in evident mode, a person of just this identifier.</summary>
    public Person? Resolve(string? anyIdentifier)
    {
        var id = anyIdentifier?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (IsEvident)
        {
            var key = id.ToLowerInvariant();
            return new Person { Id = key, Identifiers = [key] };
        }

        return index.GetValueOrDefault(id);
    }

    /// <summary>Whether two identifiers name one person: identical (ignoring case), or tied by the identities file.</summary>
    /// <summary>
    /// One key per person, for lookups: a directory person's number (after a NUL, which no identifier holds), else
    /// the identifier itself, compared ignoring case. Two identifiers have equal keys exactly when SamePerson says so.
    /// </summary>
    public string? KeyOf(string? identifier)
    {
        var id = identifier?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (IsEvident || index.GetValueOrDefault(id) is not { } person)
        {
            return id;
        }

        numbers ??= NumberPeople();
        return "\0" + numbers[person].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool SamePerson(string? a, string? b)
    {
        var x = a?.Trim();
        var y = b?.Trim();
        if (string.IsNullOrEmpty(x) || string.IsNullOrEmpty(y))
        {
            return false;
        }

        return string.Equals(x, y, StringComparison.OrdinalIgnoreCase)
            || (!IsEvident && index.GetValueOrDefault(x) is { } p && ReferenceEquals(p, index.GetValueOrDefault(y)));
    }

    public Person? ManagerOf(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return IsEvident ? null : Resolve(person.Manager);
    }

    private Dictionary<Person, int> NumberPeople()
    {
        var numbered = new Dictionary<Person, int>(ReferenceEqualityComparer.Instance);
        foreach (var p in index.Values)
        {
            numbered.TryAdd(p, numbered.Count);
        }

        return numbered;
    }

    private RecordProblem? TryAdd(Person person)
    {
        foreach (var id in person.Identifiers)
        {
            if (index.TryGetValue(id, out var holder))
            {
                return new RecordProblem(
                    person.Location ?? "?",
                    $"'{id}' already belongs to person {holder.Id} ({holder.Location}); a person's identifiers must be theirs alone, so this record is not loaded");
            }
        }

        foreach (var id in person.Identifiers)
        {
            index[id] = person;
        }

        people.Add(person);
        return null;
    }
}

/// <summary>The directory of every good record, and a problem for each record that could not be loaded.</summary>
public sealed record IdentityDirectoryLoad(IdentityDirectory Directory, IReadOnlyList<RecordProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;
}
