using System.Net;
using System.Text.RegularExpressions;

namespace ResetTrail.Server.Tests.Identity;

/// <summary>
/// A cookie-keeping HTTP client that reads forms the way a browser would: it takes the antiforgery token from the page
/// and posts it back. Redirects are not followed unless asked, so tests see each step.
/// </summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient client;

    public Browser(Uri address, bool followRedirects = false)
    {
        Cookies = new CookieContainer();
        client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = followRedirects }) { BaseAddress = address };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client => client;

    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    /// <summary>Loads <paramref name="page"/>, then posts <paramref name="fields"/> with the page's antiforgery token (unless told not to).</summary>
    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> SubmitAsync(string page, string action, IDictionary<string, string> fields, bool withCsrf = true)
    {
        var (_, html, _) = await GetAsync(page);
        return await PostAsync(html, action, fields, withCsrf);
    }

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of a page already loaded.</summary>
    public async Task<(HttpStatusCode Status, string Body, Uri? Location)> PostAsync(string html, string action, IDictionary<string, string> fields, bool withCsrf = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withCsrf)
        {
            form["__csrf"] = WebUtility.HtmlDecode(Csrf().Match(html).Groups[1].Value);
        }

        using var response = await client.PostAsync(action, new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex Csrf();
}
