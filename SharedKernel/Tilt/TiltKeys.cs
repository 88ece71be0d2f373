namespace PokerTracker.SharedKernel.Tilt;

/// <summary>Tilt.Worker's keys in the live store: its per-session features and the set of running sessions.</summary>
public static class TiltKeys
{
    /// <summary>The session's running figures (<see cref="TiltSession"/> as JSON).</summary>
    public static string State(string session) => $"pt:tilt:session:{session}:state";

    public static string LastSequence(string session) => $"pt:tilt:session:{session}:seq";

    public static string Baseline(string user) => $"pt:tilt:player:{user}";

    /// <summary>A sorted set of "user|session" members.</summary>
    public const string ActiveSessions = "pt:tilt:active";

    /// <summary>Every per-session key (the session id as the events carry it).</summary>
    public static string[] OfSession(string session) => [State(session), LastSequence(session)];
}
