using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

/// <summary>A hand that was not imported: where it is and why.</summary>
public sealed record RefusedHand(string File, int Line, string? HandId, string Reason);

/// <summary>One file of an upload (a zip's entries are files of their own).</summary>
public sealed record ImportedFile(string Name, string? Format, int Hands, int Imported, int Duplicates, int Refused, string? Error);

/// <summary>
/// An import, while it runs (status "running", counts so far) and when it is over: "done",
/// "stopped" (a quota was reached; what came before is imported) or "failed" (nothing readable).
/// </summary>
public sealed record HandImportReport(
    Guid Id,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Hands,
    int Imported,
    int Duplicates,
    int Refused,
    IReadOnlyList<ImportedFile> Files,
    IReadOnlyList<RefusedHand> Problems,
    string? StoppedBecause);

/// <summary>No hand of the upload could be read: 422 with the report.</summary>
public sealed class NoReadableHandException(HandImportReport report)
    : ProblemException(422, "No hand could be imported.", Detail(report))
{
    private static string Detail(HandImportReport report)
    {
        var unreadable = report.Files.Count(f => f.Error is not null);
        var refused = report.Refused == 1 ? "Its one hand was refused" : $"All {report.Refused:N0} hands were refused";
        return report switch
        {
            { Files.Count: 0 } => "The upload holds no file.",
            { Refused: > 0 } when unreadable == 0 => $"{refused}; see problems for each hand's line and reason.",
            { Refused: > 0 } => $"{refused} (see problems), and {unreadable} file{(unreadable == 1 ? "" : "s")} could not be read (see files).",
            { Files: [{ Error: { } error }] } => error,
            _ => "No file of the upload holds a hand this app reads (PokerStars text or Open Hand History); see files for each file's reason.",
        };
    }

    public override string Code => "NO_HANDS";

    public override IReadOnlyDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?> { ["report"] = report };
}

public sealed class ImportRunningException()
    : ProblemException(409, "An import is running.", "One of your imports is still running; wait for it to finish (GET /api/hands/imports).")
{
    public override string Code => "IMPORT_RUNNING";
}

public sealed class ImportIdTakenException(Guid id)
    : ProblemException(409, "That import id is taken.", $"Import {id} exists already; send a new id (or none).")
{
    public override string Code => "IMPORT_ID_TAKEN";
}
