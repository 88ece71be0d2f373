using GraphQL;
using GraphQL.Execution;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>
/// Errors without internals (no type names, no stack traces); a variable's time refused for its
/// missing offset says so (GraphQL.NET's own text is only "Unable to convert … to 'DateTimeOffset'").
/// </summary>
internal sealed class TimeErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError.InnerException is TimeWithoutOffsetException refused && !info.Message.Contains(refused.Message, StringComparison.Ordinal))
        {
            info.Message = $"{info.Message}: {refused.Message}";
        }

        return info;
    }
}
