using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace ResetTrail.Server.Identity.Pages;

/// <summary>
/// The sign-in pages as plain server-rendered HTML: no script and no inline style, so they pass the server's strict
/// Content-Security-Policy. Every value is HTML-encoded here; every form carries the antiforgery token.
/// </summary>
internal static class HtmlPage
{
    public const string CsrfField = "__csrf";

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<link rel=\"stylesheet\" href=\"/static/site.css\"><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
            .Append("<title>").Append(Encode(title)).Append(" · ResetTrail</title></head>\n<body><main id=\"main\" class=\"signin\">\n<h1>")
            .Append(Encode(title)).Append("</h1>\n").Append(body)
            .Append("\n</main>\n<footer class=\"bottom\"><p>Every step is recorded in the signed evidence log.</p></footer>\n</body></html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A form that posts to <paramref name="action"/> with the antiforgery token and the given fields (already HTML).</summary>
    public static string Form(HttpContext context, IAntiforgery antiforgery, string action, string fields, string submit)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{Encode(action)}\">\n<input type=\"hidden\" name=\"{CsrfField}\" value=\"{Encode(tokens.RequestToken)}\">\n"
            + fields + $"<p><button type=\"submit\">{Encode(submit)}</button></p>\n</form>";
    }

    public static string Field(string name, string label, string type, string autocomplete, string extra = "") =>
        $"<p><label for=\"{name}\">{Encode(label)}</label><br><input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" required{extra}></p>\n";

    public static string Alert(string? message) => message is null ? string.Empty : $"<p role=\"alert\"><strong>{Encode(message)}</strong></p>\n";

    /// <summary>The posted form when its antiforgery token is valid; null (answer 400) when it is missing or wrong.</summary>
    public static async Task<IFormCollection?> ReadValidFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted);
    }

    public static IResult CsrfRefused() =>
        Render("Form expired", "<p>The form was missing its security token or it expired. <a href=\"/signin\">Start again</a>.</p>", StatusCodes.Status400BadRequest);
}
