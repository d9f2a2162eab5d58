using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Tests.Events;

/// <summary>Repeats: exact for credential changes however far apart, windowed for the rest; the key is the same from a string or bytes.</summary>
public sealed class RepeatFilterTests
{
    [Fact]
    public void A_credential_change_is_a_repeat_however_many_events_came_between()
    {
        var filter = new RepeatFilter(window: 4);
        Assert.False(filter.IsRepeat(EventKey.Of("okta", "change-1"), credentialChange: true));
        for (var i = 0; i < 100; i++)
        {
            Assert.False(filter.IsRepeat(EventKey.Of("okta", $"sign-in-{i}"), credentialChange: false));
        }

        Assert.True(filter.IsRepeat(EventKey.Of("okta", "change-1"), credentialChange: true));
    }

    [Fact]
    public void Other_events_are_repeats_within_the_window_and_counted_again_beyond_it()
    {
        var filter = new RepeatFilter(window: 3);
        string[] ids = ["a", "b", "c"];
        Assert.All(ids, id => Assert.False(filter.IsRepeat(EventKey.Of("okta", id), credentialChange: false)));
        Assert.True(filter.IsRepeat(EventKey.Of("okta", "a"), credentialChange: false));

        // "d" pushes "a" out of the window of three.
        Assert.False(filter.IsRepeat(EventKey.Of("okta", "d"), credentialChange: false));
        Assert.False(filter.IsRepeat(EventKey.Of("okta", "a"), credentialChange: false));
        Assert.True(filter.IsRepeat(EventKey.Of("okta", "d"), credentialChange: false));
    }

    [Fact]
    public void The_same_id_from_another_source_is_not_a_repeat()
    {
        var filter = new RepeatFilter();
        Assert.False(filter.IsRepeat(EventKey.Of("okta", "42"), credentialChange: true));
        Assert.False(filter.IsRepeat(EventKey.Of("entra", "42"), credentialChange: true));
    }

    [Theory]
    [InlineData("8070e9b4-fe62-86ca-5593-725d9128bd80")]
    [InlineData("Łódź-ü-東京")]
    [InlineData("")]
    public void The_key_of_an_id_string_is_the_key_of_its_utf8_bytes(string id) =>
        Assert.Equal(EventKey.Of("okta", id), EventKey.Of("okta", System.Text.Encoding.UTF8.GetBytes(id)));
}
