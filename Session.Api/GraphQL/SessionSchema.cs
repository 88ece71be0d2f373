using GraphQL.Types;

namespace PokerTracker.SessionApi.GraphQL;

public sealed class SessionSchema : Schema
{
    public SessionSchema(IServiceProvider services, SessionQuery query, SessionMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        RegisterType(new OffsetDateTimeGraphType()); // replaces the built-in DateTimeOffset everywhere in the schema
    }
}
