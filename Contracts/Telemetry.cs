namespace PokerTracker.Contracts;

/// <summary>The product's own telemetry: one activity source and one meter, both named <see cref="Name"/>.</summary>
public static class Telemetry
{
    public const string Name = "PokerTracker";
}
