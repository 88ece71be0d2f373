using PokerTracker.SessionApi.Statistics;

namespace PokerTracker.SessionApi.Tests;

/// <summary>Online sessions played at the same time (two stakes, two sites) share that time.</summary>
public sealed class OnlineSessionTimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 18, 0, 0, TimeSpan.Zero);

    private static (DateTimeOffset, DateTimeOffset) Span(double fromHour, double toHour) => (T0.AddHours(fromHour), T0.AddHours(toHour));

    [Fact]
    public void Two_tables_at_two_stakes_for_the_same_two_hours_count_two_hours_one_each()
    {
        Assert.Equal([3_600, 3_600], OnlineSessionReader.SharedSeconds([Span(0, 2), Span(0, 2)]));
    }

    [Fact]
    public void Sessions_that_overlap_for_an_hour_share_that_hour_and_add_up_to_the_evening()
    {
        // 18:00–20:00 and 19:00–21:00: three hours at the computer.
        Assert.Equal([5_400, 5_400], OnlineSessionReader.SharedSeconds([Span(0, 2), Span(1, 3)]));
    }

    [Fact]
    public void Three_at_once_share_in_three_and_the_one_alone_counts_its_own_time_whole()
    {
        var seconds = OnlineSessionReader.SharedSeconds([Span(0, 3), Span(1, 2), Span(1, 2)]);
        Assert.Equal([8_400, 1_200, 1_200], seconds); // 1 h + 20 min + 1 h; 20 min each
        Assert.Equal(3 * 3_600, seconds.Sum());
    }

    [Fact]
    public void Sessions_apart_or_one_ending_as_the_next_starts_count_whole()
    {
        Assert.Equal([7_200, 3_600, 1_800], OnlineSessionReader.SharedSeconds([Span(0, 2), Span(2, 3), Span(5, 5.5)]));
        Assert.Empty(OnlineSessionReader.SharedSeconds([]));
    }

    [Fact]
    public void A_session_of_no_length_counts_nothing_and_takes_nothing_from_later_ones()
    {
        // A recorded session ended as it started, then an evening of four hours days later.
        Assert.Equal([0, 4 * 3_600], OnlineSessionReader.SharedSeconds([Span(0, 0), Span(48, 52)]));
        Assert.Equal([0, 7_200, 7_200], OnlineSessionReader.SharedSeconds([Span(1, 1), Span(0, 2), Span(2, 4)]));
    }

    [Fact]
    public void The_shares_of_many_random_sessions_add_up_to_the_time_any_of_them_covers()
    {
        var random = new Random(7);
        var spans = Enumerable.Range(0, 300).Select(_ =>
        {
            var start = random.Next(0, 10_000);
            return (T0.AddMinutes(start), T0.AddMinutes(start + random.Next(1, 240)));
        }).ToList();
        var covered = Enumerable.Range(0, 10_240).Count(m => spans.Any(s => s.Item1 <= T0.AddMinutes(m) && T0.AddMinutes(m) < s.Item2)) * 60L;
        var seconds = OnlineSessionReader.SharedSeconds(spans);
        Assert.InRange(seconds.Sum(), covered - spans.Count, covered + spans.Count); // each rounded to the second
        Assert.All(seconds.Zip(spans), x => Assert.InRange(x.First, 0, (long)(x.Second.Item2 - x.Second.Item1).TotalSeconds));
    }
}
