using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ResetTrail.Server.Pages.Charts;

/// <summary>
/// Draws a stacked bar chart as inline SVG on the server: no script, no style attribute (series colours and hatching
/// come from classes in site.css, so the Content-Security-Policy needs no 'unsafe-inline'). The SVG has a title and
/// a description for screen readers (role="img", aria-labelledby), every bar segment a title with its number, and
/// each series a pattern as well as a colour.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 40;
    private const int Bottom = 40;
    private const int Top = 12;

    public static string Draw(ChartData data, string id)
    {
        ArgumentNullException.ThrowIfNull(data);
        var html = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{html.Encode(data.Title)}</title><desc id=\"{id}-d\">{html.Encode(data.Description)}</desc>");
        var max = Math.Max(1, data.Max);
        var plotHeight = Height - Bottom - Top;
        var count = Math.Max(1, data.Categories.Count);
        var slot = (Width - Left - 8) / (double)count;
        var bar = Math.Max(2, slot * 0.7);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 4}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\">0</text>");
        var labelEvery = Math.Max(1, (int)Math.Ceiling(count / 10.0));
        for (var c = 0; c < data.Categories.Count; c++)
        {
            var x = Left + (c * slot) + ((slot - bar) / 2);
            var y = (double)(Height - Bottom);
            for (var s = 0; s < data.Series.Count; s++)
            {
                var value = data.Series[s].Values[c];
                if (value == 0)
                {
                    continue;
                }

                var h = plotHeight * value / (double)max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"s{s % 8}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\"><title>{html.Encode(data.Categories[c])}, {html.Encode(data.Series[s].Name)}: {value}</title></rect>");
            }

            if (c % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"tick\" x=\"{x + (bar / 2):0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{html.Encode(data.Categories[c])}</text>");
            }
        }

        var legendX = Left;
        for (var s = 0; s < data.Series.Count; s++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"s{s % 8}\" x=\"{legendX}\" y=\"{Height - 16}\" width=\"10\" height=\"10\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{legendX + 14}\" y=\"{Height - 7}\">{html.Encode(data.Series[s].Name)}</text>");
            legendX += 24 + (7 * data.Series[s].Name.Length);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
