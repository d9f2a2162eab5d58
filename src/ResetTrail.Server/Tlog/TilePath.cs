using System.Globalization;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.Server.Tlog;

/// <summary>
/// A tile path of C2SP tlog-tiles: <c>&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or <c>entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, where N is
/// written in 3-digit groups, every group but the last prefixed with 'x' (1234067 is x001/x234/067), and W is the
/// partial width, 1 to 255. Anything else (leading zeros in L, a wrong group) is not a tile path.
/// </summary>
internal readonly record struct TilePath(bool Entries, int Level, ulong Index, int? PartialWidth)
{
    public int Width => PartialWidth ?? TileId.Width;

    public static TilePath? Parse(string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        var entries = parts[0] == "entries";
        var level = 0;
        if (!entries && !TryDecimal(parts[0], 63, out level))
        {
            return null;
        }

        int? width = null;
        var groups = parts[1..];
        if (groups.Length >= 2 && groups[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDecimal(groups[^1], TileId.Width - 1, out var w) || w == 0)
            {
                return null;
            }

            width = w;
            groups = [.. groups[..^2], groups[^2][..^2]];
        }

        ulong index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var last = i == groups.Length - 1;
            if (!last && !group.StartsWith('x'))
            {
                return null;
            }

            var digits = last ? group : group[1..];
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            index = checked((index * 1000) + ulong.Parse(digits, CultureInfo.InvariantCulture));
        }

        // The encoding is canonical: no leading all-zero group ("x000/001" is not 1).
        return groups.Length > 1 && groups[0] == "x000" ? null : new TilePath(entries, level, index, width);
    }

    private static bool TryDecimal(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max && (text == "0" || text[0] != '0');
}
