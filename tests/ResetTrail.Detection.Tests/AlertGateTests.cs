using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Rules;

namespace ResetTrail.Detection.Tests;

/// <summary>The gate between rules and output, the alert ids it deduplicates on, and the times alerts write.</summary>
public sealed class AlertGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_alert_id_is_rta_and_the_first_16_bytes_of_the_sha256_of_rule_subject_and_evidence_in_hex()
    {
        AlertEvidence[] evidence = [new("okta", "evt-1", "user.account.reset_password", T0), new("case", "e-2", "verification_failed", T0)];
        var expected = "rta_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("RT-D101\nhomer@springfield.gov\nokta:evt-1\ncase:e-2"))[..16]);

        Assert.Equal(expected, AlertIds.Of("RT-D101", "homer@springfield.gov", evidence));
        var digest = AlertIds.Digest("RT-D101", "homer@springfield.gov", evidence, static e => e.Source, static e => e.Id);
        Assert.Equal(expected, AlertIds.Format(digest));
        Assert.NotEqual(digest, AlertIds.Digest("RT-D101", "homer@springfield.gov", evidence[..1], static e => e.Source, static e => e.Id));
    }

    [Fact]
    public void The_same_id_is_let_out_once_within_the_dedup_window_and_again_after_it()
    {
        var stats = new EngineStats();
        var gate = new AlertGate(TimeSpan.FromHours(1), stats);
        var id = new UInt128(1, 2);

        Assert.True(gate.Admit(id, "RT-D001", "homer", T0, TimeSpan.Zero, out _));
        Assert.False(gate.Admit(id, "RT-D001", "homer", T0.AddMinutes(5), TimeSpan.Zero, out _));
        Assert.Equal(1, stats.Deduplicated);

        gate.Expire(T0.AddHours(2));
        Assert.True(gate.Admit(id, "RT-D001", "homer", T0.AddHours(2), TimeSpan.Zero, out _));
    }

    [Fact]
    public void A_zero_throttle_lets_every_distinct_alert_out_and_a_throttle_holds_back_and_counts()
    {
        var stats = new EngineStats();
        var gate = new AlertGate(TimeSpan.FromDays(1), stats);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(gate.Admit(new UInt128(0, (ulong)i), "RT-D001", "homer", T0, TimeSpan.Zero, out var none));
            Assert.Equal(0, none);
        }

        Assert.True(gate.Admit(new UInt128(1, 0), "RT-D002", "homer", T0, TimeSpan.FromHours(1), out _));
        Assert.False(gate.Admit(new UInt128(1, 1), "RT-D002", "homer", T0.AddMinutes(10), TimeSpan.FromHours(1), out _));
        Assert.False(gate.Admit(new UInt128(1, 2), "RT-D002", "homer", T0.AddMinutes(20), TimeSpan.FromHours(1), out _));
        Assert.True(gate.Admit(new UInt128(1, 3), "RT-D002", "marge", T0.AddMinutes(20), TimeSpan.FromHours(1), out _));
        Assert.True(gate.Admit(new UInt128(1, 4), "RT-D002", "homer", T0.AddMinutes(61), TimeSpan.FromHours(1), out var held));
        Assert.Equal(2, held);
        Assert.Equal(2, stats.Throttled);
    }

    [Fact]
    public void Alert_times_are_utc_to_the_second_as_the_custom_pattern_wrote_them()
    {
        var dice = new Dice(7);
        DateTimeOffset[] edges = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new(1999, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5))];
        var random = Enumerable.Range(0, 200).Select(_ => T0.AddSeconds(dice.Next(int.MaxValue)).AddTicks(dice.Next(10_000_000)).ToOffset(TimeSpan.FromMinutes(dice.Next(1_000) - 500)));
        foreach (var t in edges.Concat(random))
        {
            Assert.Equal(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Format.Time(t));
        }
    }
}
