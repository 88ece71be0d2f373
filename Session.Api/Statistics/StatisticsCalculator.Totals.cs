namespace PokerTracker.SessionApi.Statistics;

public static partial class StatisticsCalculator
{
    /// <summary>
    /// Running sums of a group of sessions, as <see cref="Compute"/> defines its figures: whole seconds and
    /// money in decimals, so that one session's rate here is the one its own page shows, to the cent.
    /// </summary>
    private sealed class Totals
    {
        private long _seconds, _blindSeconds, _timedNet;
        private decimal _bigBlinds;

        public int Sessions { get; private set; }

        /// <summary>The sessions with time played: what the rates are taken over.</summary>
        public int TimedSessions { get; private set; }
        public int SessionsWithBlinds { get; private set; }
        public long Net { get; private set; }

        public decimal Hours => HoursOf(_seconds);

        public long Seconds => _seconds;

        public void Add(SessionResult s)
        {
            Sessions++;
            _seconds += s.PlayingSeconds;
            Net += s.Net;
            if (s.PlayingSeconds <= 0)
            {
                return; // no time to take a rate over: its money is in the net alone
            }

            TimedSessions++;
            _timedNet += s.Net;
            if (s.BigBlind is > 0 and var bigBlind)
            {
                SessionsWithBlinds++;
                _blindSeconds += s.PlayingSeconds;
                _bigBlinds += (decimal)s.Net / bigBlind;
            }
        }

        /// <summary>The net of the sessions with time played over that time.</summary>
        public decimal? HourlyRate => _seconds > 0 ? Math.Round(_timedNet * 3600m / _seconds, 2) : null;

        /// <summary>Big blinds won per hour, over the cash sessions with known blinds and time played.</summary>
        public decimal? BigBlindsPerHour => _blindSeconds > 0 ? Math.Round(_bigBlinds * 3600m / _blindSeconds, 2) : null;

        /// <summary>What the row's own figures give.</summary>
        public Breakdown ToBreakdown(string key) => new(key, Sessions, Hours, Seconds, Net, HourlyRate, BigBlindsPerHour);
    }
}
