namespace PokerTracker.SharedKernel.Tilt;

/// <summary>Where a score becomes a warning (medium) or an urgent one (high), for the model and for the rules.</summary>
public static class TiltThresholds
{
    public const double ModelMedium = 0.5;
    public const double ModelHigh = 0.75;
    public const double RulesMedium = 0.4;
    public const double RulesHigh = 0.65;
}
