using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.GraphQL;

/// <summary>
/// At most <see cref="Max"/> root fields per operation, counting aliases, fragments and inline
/// fragments: a document cannot multiply its work by aliasing one field thousands of times.
/// </summary>
public sealed class MaxRootFieldsRule : ValidationRuleBase
{
    public const int Max = 10;

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        var count = Count(context, context.Operation.SelectionSet, []);
        if (count > Max)
        {
            context.ReportError(new TooManyRootFieldsError(context, count));
        }

        return default;
    }

    private static int Count(ValidationContext context, GraphQLSelectionSet set, HashSet<GraphQLFragmentDefinition> path)
    {
        var count = 0;
        foreach (var selection in set.Selections)
        {
            if (!context.ShouldIncludeNode(selection))
            {
                continue;
            }

            switch (selection)
            {
                case GraphQLField:
                    count++;
                    break;
                case GraphQLInlineFragment inline:
                    count += Count(context, inline.SelectionSet, path);
                    break;
                case GraphQLFragmentSpread spread when context.Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment && path.Add(fragment):
                    count += Count(context, fragment.SelectionSet, path);
                    path.Remove(fragment);
                    break;
            }
        }

        return count;
    }
}

public sealed class TooManyRootFieldsError(ValidationContext context, int count)
    : ValidationError(context.Document.Source, null, $"The operation selects {count} root fields; at most {MaxRootFieldsRule.Max} are allowed.", context.Operation);

/// <summary>Every executed mutation — each alias of it too — draws one from the player's command budget, as a REST command does.</summary>
public sealed class MutationBudgetMiddleware(PlayerLimiters limiters) : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (ReferenceEquals(context.ParentType, context.Schema.Mutation))
        {
            limiters.ChargeWrite(Caller.From(context.User!).UserId);
        }

        return next(context);
    }
}
