namespace ResetTrail.Ingestion.Sources.JsonRecords;

/// <summary>ASCII case-insensitive search in the first bytes of a file, for Recognises.</summary>
internal static class HeadScan
{
    public static bool Contains(ReadOnlySpan<byte> head, ReadOnlySpan<byte> asciiNeedle)
    {
        if (asciiNeedle.Length == 0 || head.Length < asciiNeedle.Length)
        {
            return false;
        }

        for (var i = 0; i <= head.Length - asciiNeedle.Length; i++)
        {
            var j = 0;
            while (j < asciiNeedle.Length && Lower(head[i + j]) == Lower(asciiNeedle[j]))
            {
                j++;
            }

            if (j == asciiNeedle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
}
