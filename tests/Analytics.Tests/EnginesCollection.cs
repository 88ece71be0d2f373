using PokerTracker.TestSupport;

namespace PokerTracker.Analytics.Tests;

/// <summary>The engines shared by this assembly's tests (see <see cref="EnginesFixture"/>).</summary>
[CollectionDefinition(Engines.Collection)]
public sealed class EnginesCollection : ICollectionFixture<EnginesFixture>;
