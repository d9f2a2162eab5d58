using System.Globalization;
using System.Text;
using System.Xml;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>
/// Reads Windows event XML as `wevtutil qe /f:xml` writes it (Event elements one after another with no root) or
/// wrapped in &lt;Events&gt;, streaming. The input is hostile: DTDs are refused and nothing external is resolved.
/// A record missing a field it needs is reported and reading goes on; XML that is not well-formed ends the file
/// (an XML reader cannot resynchronise), reported with its line.
/// </summary>
internal static class WindowsEventXml
{
    public static IEnumerable<(WindowsRecord? Record, RecordProblem? Problem)> Read(Stream input, string fileName, bool stripDashMarkers)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ConformanceLevel = ConformanceLevel.Fragment,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        TextReader source = stripDashMarkers ? new DashMarkerStrippingReader(text) : text;
        using var reader = XmlReader.Create(source, settings);
        var lineInfo = (IXmlLineInfo)reader;
        while (true)
        {
            WindowsRecord? record;
            RecordProblem? problem = null;
            try
            {
                record = Next(reader, lineInfo, fileName);
            }
            catch (XmlException e)
            {
                record = null;
                problem = new RecordProblem($"{fileName}:{e.LineNumber}", "not well-formed event XML (reading stops here): " + e.Message);
            }

            if (problem is not null)
            {
                yield return (null, problem);
                yield break;
            }

            if (record is null)
            {
                yield break;
            }

            yield return (record, null);
        }
    }

    private static WindowsRecord? Next(XmlReader reader, IXmlLineInfo lineInfo, string fileName)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Event")
            {
                var location = $"{fileName}:{lineInfo.LineNumber}";
                using var subtree = reader.ReadSubtree();
                return ReadEvent(subtree, location);
            }
        }

        return null;
    }

    private static WindowsRecord ReadEvent(XmlReader reader, string location)
    {
        int? eventId = null;
        string? recordId = null, computer = null;
        DateTimeOffset? time = null;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        // ReadElementContentAsString leaves the reader on the next node, so only the other branches call Read.
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "EventID":
                    eventId = int.TryParse(reader.ReadElementContentAsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
                    break;
                case "EventRecordID":
                    recordId = reader.ReadElementContentAsString().Trim();
                    break;
                case "Computer":
                    computer = reader.ReadElementContentAsString().Trim();
                    break;
                case "TimeCreated":
                    time = TimeText.Parse(reader.GetAttribute("SystemTime"));
                    reader.Read();
                    break;
                case "Data" when reader.GetAttribute("Name") is { } name:
                    data[name] = reader.ReadElementContentAsString();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        return new WindowsRecord(location, eventId, recordId, computer, time, data);
    }
}
