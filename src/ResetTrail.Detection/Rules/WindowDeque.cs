namespace ResetTrail.Detection.Rules;

/// <summary>
/// A key's window: items in arrival (event-time) order, removed from the front as they age out and from the front
/// when a cap bites, read by index from either end. Removing from the front is O(1): the start moves and the array
/// is compacted only when more than half of it is dead.
/// </summary>
internal sealed class WindowDeque<T> : IReadOnlyList<T>
{
    private T[] items = new T[4];
    private int start;
    private int end;

    public int Count => end - start;

    public T this[int index] => items[start + index];

    public T First => items[start];

    public T Last => items[end - 1];

    public void Add(T item)
    {
        if (end == items.Length)
        {
            var live = Count;
            if (start > live)
            {
                Array.Copy(items, start, items, 0, live);
                Array.Clear(items, live, end - live);
            }
            else
            {
                var grown = new T[items.Length * 2];
                Array.Copy(items, start, grown, 0, live);
                items = grown;
            }

            start = 0;
            end = live;
        }

        items[end++] = item;
    }

    /// <summary>Replaces the newest item (a value type's fields cannot be set through the indexer).</summary>
    public void SetLast(T item) => items[end - 1] = item;

    public void RemoveFirst()
    {
        items[start++] = default!;
        if (start == end)
        {
            start = 0;
            end = 0;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = start; i < end; i++)
        {
            yield return items[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
