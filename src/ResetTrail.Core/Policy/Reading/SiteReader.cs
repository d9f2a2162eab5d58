using System.Globalization;
using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>sites:</c>: business hours per site, in the site's IANA time zone.</summary>
internal static class SiteReader
{
    private static readonly string[] Keys = ["name", "time_zone", "days", "start", "end"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    public static IReadOnlyList<Site> Read(MapReader top)
    {
        var sites = new List<Site>();
        if (top.Value("sites") is not { } node || Scalars.Items(node, "sites", top.Problems) is not { } items)
        {
            return sites;
        }

        foreach (var (item, field) in items)
        {
            if (MapReader.Open(item, field, top.Problems, Keys) is not { } site)
            {
                continue;
            }

            var name = site.Text("name", required: true);
            var zone = site.Text("time_zone", required: true);
            var days = ReadDays(site);
            var start = ReadTime(site, "start");
            var end = ReadTime(site, "end");
            if (name is not null && !Names.IsValid(name))
            {
                top.Problems.Error(site.Value("name")!, site.Field("name"), PolicyProblemCodes.Invalid, Names.Rule);
            }
            else if (name is not null && sites.Any(s => s.Name == name))
            {
                top.Problems.Error(site.Value("name")!, site.Field("name"), PolicyProblemCodes.Duplicate, $"site '{name}' is defined twice");
            }

            if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                top.Problems.Error(site.Value("time_zone")!, site.Field("time_zone"), PolicyProblemCodes.UnknownName, $"'{zone}' is not an IANA time zone (e.g. Europe/London, America/New_York)");
                zone = null;
            }

            // An end earlier than the start is a shift across midnight (it belongs to the day it starts on); an end
            // equal to the start would be either no hours or all of them, so it is refused rather than guessed.
            if (start is { } s && end is { } e && e == s)
            {
                top.Problems.Error(site.Value("end")!, site.Field("end"), PolicyProblemCodes.Invalid,
                    "end equals start; for hours across midnight write an earlier end (22:00-06:00), for the whole day 00:00-23:59");
            }
            else if (name is not null && zone is not null && days is not null && start is not null && end is not null)
            {
                sites.Add(new Site(name, zone, days, start.Value, end.Value, item.Line));
            }
        }

        return sites;
    }

    private static List<DayOfWeek>? ReadDays(MapReader site)
    {
        if (site.Value("days", required: true) is not { } node || Scalars.Items(node, site.Field("days"), site.Problems) is not { } items)
        {
            return null;
        }

        var days = new List<DayOfWeek>();
        foreach (var (item, field) in items)
        {
            if (Scalars.Text(item, field, site.Problems) is not { } name)
            {
                continue;
            }

            if (DayNames.TryGetValue(name, out var day))
            {
                days.Add(day);
            }
            else
            {
                site.Problems.Error(item, field, PolicyProblemCodes.UnknownName, $"'{name}' is not a day; write monday .. sunday");
            }
        }

        return days;
    }

    private static TimeOnly? ReadTime(MapReader site, string key)
    {
        if (site.Text(key, required: true) is not { } text)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        site.Problems.Error(site.Value(key)!, site.Field(key), PolicyProblemCodes.Invalid, $"'{text}' is not a time; write HH:mm, e.g. \"08:00\"");
        return null;
    }
}
