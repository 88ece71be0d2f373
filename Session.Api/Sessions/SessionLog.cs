using Microsoft.Extensions.Logging;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// One structured line per business event of a session. Players are named by account id only:
/// no e-mail, venue or note text goes to the logs (where a player plays stays out of telemetry).
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Session {SessionId} started by {UserId}: {Kind}, {Format}")]
    public static partial void Started(ILogger logger, Guid sessionId, string userId, string kind, string format);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Session {SessionId} ended by {UserId}: {Kind}, {PlayingMinutes} min played, result {NetResult} {Currency} minor units")]
    public static partial void Ended(ILogger logger, Guid sessionId, string userId, string kind, int playingMinutes, long netResult, string currency);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Session import by {UserId}: {Rows} rows, {Imported} imported, {AlreadyPresent} already present")]
    public static partial void Imported(ILogger logger, string userId, int rows, int imported, int alreadyPresent);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Session import by {UserId} refused: {Problems} problems in {Rows} rows or headers")]
    public static partial void ImportRefused(ILogger logger, string userId, int problems, int rows);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "Session {SessionId}: a command of {UserId} sent again after its idempotency record lapsed (made {MadeAt}) was found recorded and not applied again")]
    public static partial void LateRetry(ILogger logger, Guid sessionId, string userId, DateTimeOffset madeAt);
}
