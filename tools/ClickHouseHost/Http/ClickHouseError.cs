using System.Text.RegularExpressions;

namespace PokerTracker.Tools.ClickHouseHost.Http;

/// <summary>An error as ClickHouse's HTTP interface reports it: status, code header, "Code: N. DB::Exception: ..." body.</summary>
internal sealed partial record ClickHouseError(int Code, string Message)
{
    public const int UnknownException = 1002;
    public const int UnknownSetting = 115;
    public const int AuthenticationFailed = 516;
    public const int UnknownFormat = 73;
    public const int NotImplemented = 48;
    public const int CannotDecompress = 271;
    public const int Readonly = 164;
    public const int AccessDenied = 497;

    /// <summary>From the engine's error text, which normally starts with "Code: N. DB::Exception:".</summary>
    public static ClickHouseError FromEngine(string text)
    {
        var match = CodePattern().Match(text);
        return match.Success
            ? new ClickHouseError(int.Parse(match.Groups[1].Value), text.Trim())
            : new ClickHouseError(UnknownException, $"Code: {UnknownException}. DB::Exception: {text.Trim()}");
    }

    public static ClickHouseError Of(int code, string name, string message) =>
        new(code, $"Code: {code}. DB::Exception: {message}. ({name})");

    /// <summary>The HTTP status ClickHouse uses for the code (its exceptionCodeToHTTPStatus, in short).</summary>
    public int HttpStatus => Code switch
    {
        516 or 194 or 192 => StatusCodes.Status401Unauthorized,
        497 or 164 => StatusCodes.Status403Forbidden,
        60 or 81 => StatusCodes.Status404NotFound,
        16 or 36 or 46 or 47 or 62 or 6 or 26 or 27 or 32 or 33 or 38 or 41 or 42 or 43 or 44 or 53 or 69 or 70 or 72 or 73 or 115 or 117 or 456 or 457 or 271
            => StatusCodes.Status400BadRequest,
        48 => StatusCodes.Status501NotImplemented,
        241 => StatusCodes.Status507InsufficientStorage,
        159 => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async Task WriteAsync(HttpContext context, string version)
    {
        var response = context.Response;
        response.StatusCode = HttpStatus;
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers["X-ClickHouse-Exception-Code"] = Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Message.Contains("(version ", StringComparison.Ordinal) ? Message : $"{Message} (version {version})";
        await response.WriteAsync(body + "\n");
    }

    [GeneratedRegex(@"Code:\s*(\d+)")]
    private static partial Regex CodePattern();
}
