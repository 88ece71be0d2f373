namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// An error a client caused or must wait out, with the HTTP status and title it is answered with
/// (a ProblemDetails response, or a GraphQL error with <see cref="Code"/>). Each feature declares
/// its own; the handler needs to know none of them.
/// </summary>
public abstract class ProblemException(int status, string title, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>The GraphQL error code (<c>errors[].extensions.code</c>).</summary>
    public abstract string Code { get; }

    /// <summary>Extra members of the problem document.</summary>
    public virtual IReadOnlyDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>Headers the answer carries (e.g. Retry-After).</summary>
    public virtual void AddHeaders(HttpResponse response)
    {
    }
}

/// <summary>The request is well-formed but some fields break the rules; each field says why (400).</summary>
public sealed class InvalidInputException(IDictionary<string, string[]> errors)
    : ProblemException(400, "One or more fields are invalid.",
        "One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value).TrimEnd('.')}")) + ".")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public override string Code => "VALIDATION";

    public static InvalidInputException Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
