using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ResetTrail.Server.Metrics;

/// <summary>
/// Request durations by route template, method and status, as the OpenTelemetry semantic convention's
/// http.server.request.duration histogram, exposed in Prometheus text as http_server_request_duration_seconds.
/// Labels are route templates, never raw paths: a case id or a token never becomes a label. Never throws into a request.
/// </summary>
public sealed class RequestMetrics
{
    // The OpenTelemetry default buckets for http.server.request.duration, in seconds.
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), Series> series = new();

    public long EvidenceAppends => Interlocked.Read(ref appends);

    private long appends;

    /// <summary>Counts an evidence entry this server appended (a case step, a published policy).</summary>
    public void CountAppend() => Interlocked.Increment(ref appends);

    public void Record(string method, string route, int status, double seconds) =>
        series.GetOrAdd((method, route, status), _ => new Series()).Observe(seconds);

    public IApplicationBuilder Middleware(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            Record(context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    });

    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append("# HELP http_server_request_duration_seconds Duration of HTTP server requests.\n");
        text.Append("# TYPE http_server_request_duration_seconds histogram\n");
        foreach (var ((method, route, status), s) in series.OrderBy(kv => kv.Key.Route, StringComparer.Ordinal).ThenBy(kv => kv.Key.Method, StringComparer.Ordinal).ThenBy(kv => kv.Key.Status))
        {
            var labels = $"http_request_method=\"{Escape(method)}\",http_route=\"{Escape(route)}\",http_response_status_code=\"{status}\"";
            var (counts, count, sum) = s.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += counts[i];
                text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_sum{{{labels}}} {sum.ToString("R", CultureInfo.InvariantCulture)}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_count{{{labels}}} {count}\n");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series
    {
        private readonly long[] counts = new long[Buckets.Length];
        private readonly Lock gate = new();
        private long count;
        private double sum;

        public void Observe(double seconds)
        {
            lock (gate)
            {
                var bucket = Array.FindIndex(Buckets, b => seconds <= b);
                if (bucket >= 0)
                {
                    counts[bucket]++;
                }

                count++;
                sum += seconds;
            }
        }

        public (long[] Counts, long Count, double Sum) Snapshot()
        {
            lock (gate)
            {
                return ([.. counts], count, sum);
            }
        }
    }
}
