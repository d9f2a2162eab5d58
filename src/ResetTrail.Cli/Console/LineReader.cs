namespace ResetTrail.Cli.Console;

/// <summary>Splits a byte stream on '\n' into lines, keeping every other byte as it is.</summary>
internal static class LineReader
{
    /// <summary>Yields each line without its newline; a last line without one is still a line, an empty tail is not.</summary>
    public static IEnumerable<byte[]> ReadLines(Stream input)
    {
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line.Write(buffer, start, i - start);
                yield return line.ToArray();
                line.SetLength(0);
                start = i + 1;
            }

            line.Write(buffer, start, read - start);
        }

        if (line.Length > 0)
        {
            yield return line.ToArray();
        }
    }
}
