using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>The checks of the player's bankroll input: names, amounts, times, notes, one default per currency.</summary>
public sealed partial class BankrollService
{
    /// <summary>One bankroll per currency is the default for live sessions, and one for online ones: a second would never be used.</summary>
    private static void EnsureOneDefault(IReadOnlyList<Bankroll> existing, Bankroll bankroll)
    {
        foreach (var (wanted, kind, other) in new[]
        {
            (bankroll.Live, "live", existing.FirstOrDefault(b => b.Id != bankroll.Id && b.Currency == bankroll.Currency && b.Live)),
            (bankroll.Online, "online", existing.FirstOrDefault(b => b.Id != bankroll.Id && b.Currency == bankroll.Currency && b.Online)),
        })
        {
            if (wanted && other is not null)
            {
                throw new BankrollConflictException(
                    $"{other.Name} already takes your {kind} sessions in {bankroll.Currency}; change it first so that one bankroll takes them.");
            }
        }
    }

    private static string CheckName(string? name, Dictionary<string, string[]> v)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 60 || trimmed.Any(char.IsControl))
        {
            v["name"] = ["Must be 1 to 60 characters on one line, e.g. Live USD."];
        }

        return trimmed;
    }

    private static void EnsureUniqueName(IReadOnlyList<Bankroll> existing, string name, Guid? self)
    {
        if (existing.Any(b => b.Id != self && string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new BankrollConflictException($"You already have a bankroll named {name}.");
        }
    }

    private static void CheckAmount(long amount, string currency, string field, Dictionary<string, string[]> v)
    {
        if (amount is <= 0 or > Sessions.Limits.MaxAmount)
        {
            v[field] = [amount <= 0 ? "Must be more than 0." : Sessions.Limits.TooLarge(currency)];
        }
    }

    private DateTimeOffset CheckTime(DateTimeOffset? at, Dictionary<string, string[]> v)
    {
        var now = time.GetUtcNow();
        if (at > now + Sessions.Limits.ClockSkew || at < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            v["at"] = ["Must be a date from 2000 until now."];
        }

        return at ?? now;
    }

    private static string? CheckNote(string? note, Dictionary<string, string[]> v)
    {
        if (note is { Length: > 200 })
        {
            v["note"] = ["At most 200 characters."];
        }

        return string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private static void Throw(Dictionary<string, string[]> v)
    {
        if (v.Count > 0)
        {
            throw new InvalidInputException(v);
        }
    }

    private static QuotaExceededException Full() => new($"A ledger holds at most {BankrollStore.MaxEntries} entries.");
}
