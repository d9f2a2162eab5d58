using System.Globalization;
using System.Text;

namespace ResetTrail.Bench.Corpus;

/// <summary>
/// Tickets for an Okta corpus, as the headered CSV reconcile reads without a mapping: one ticket for every
/// <c>every</c>-th credential change an administrator made in the corpus of the same seed and count (opened a few
/// minutes before, closed after, approved), so the join finds work to do, not only misses.
/// </summary>
internal static class TicketCorpus
{
    public static int Write(string path, long oktaEvents, int every, ulong seed = OktaCorpus.DefaultSeed)
    {
        var csv = new StringBuilder("ticket,opened,closed,requester,target,kind,state,approver\n");
        var changes = 0;
        var tickets = 0;
        OktaCorpus.Write(Stream.Null, oktaEvents, seed, (time, target, kind) =>
        {
            if (changes++ % every != 0)
            {
                return;
            }

            tickets++;
            csv.Append(CultureInfo.InvariantCulture, $"INC{tickets:D7},{Iso(time.AddMinutes(-10))},{Iso(time.AddMinutes(20))},{target},{target},{kind},Closed,mgr{tickets % 40}@example.com\n");
        });
        File.WriteAllText(path, csv.ToString());
        return tickets;
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
