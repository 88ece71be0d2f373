using PokerTracker.Contracts.Training;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.Training;

/// <summary>Starting a drill: what it deals, checked; once per Idempotency-Key; not past the day's quotas.</summary>
public sealed partial class TrainingService
{
    /// <summary>Starts a drill; with an Idempotency-Key, once: the key sent again gets the same drill (another request with it, a 422).</summary>
    public async Task<TrainingView> StartAsync(Caller caller, StartTrainingRequest request, string? idempotencyKey = null)
    {
        // A drill is started by naming it: an empty request starts nothing (each drill counts against the day's).
        var drill = TrainingNames.ParseDrill(request.Drill) ?? throw InvalidInputException.Field("drill",
            request.Drill is null ? "Name the drill to start: random, stack-range or leaks." : "Must be random, stack-range or leaks.");
        var errors = new Dictionary<string, string[]>();
        var ante = request.Ante ?? 0;
        if (!Antes.Contains(ante))
        {
            // Named with whatever else is wrong; the stacks are then checked as without an ante.
            errors["ante"] = ["Must be 0, 0.05, 0.1, 0.125, 0.15, 0.2 or 0.25 big blinds."];
            ante = 0;
        }

        var (min, max) = drill == Drill.StackRange ? (request.MinStack ?? double.NaN, request.MaxStack ?? double.NaN) : (1.0, 25.0);
        if (drill == Drill.StackRange && (request.MinStack is null || request.MaxStack is null))
        {
            errors["minStack"] = ["The stack-range drill deals stacks from minStack to maxStack: give both, e.g. 5 and 15."];
        }
        else if (double.IsNaN(min) || min is < 1 or > 50 || double.IsNaN(max) || max is < 1 or > 50 || min > max)
        {
            errors["minStack"] = ["Stacks are 1 to 50 big blinds, the smallest first."];
        }
        else
        {
            // Stacks go in 0.1 bb steps, and must cover the big blind and the ante: those inside the range asked for.
            (min, max) = (Math.Max(Math.Ceiling(Math.Round(min * 10, 6)) / 10, PushFoldGame.SmallestStack(ante)), Math.Floor(Math.Round(max * 10, 6)) / 10);
            if (min > max)
            {
                errors["minStack"] = [FormattableString.Invariant($"No stack in 0.1 big blind steps lies in that range{(ante > 0 ? $" and covers the blind and the {ante} ante (from {PushFoldGame.SmallestStack(ante):0.0})" : "")}.")];
            }
        }

        if (drill != Drill.StackRange && (request.MinStack is not null || request.MaxStack is not null))
        {
            // Said, not ignored: the player asked for stacks this drill does not deal.
            errors["minStack"] = [$"Stacks are chosen with the stack-range drill; the {request.Drill} drill deals stacks of 1 to 25 big blinds."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var id = idempotencyKey is null ? Guid.CreateVersion7(time.GetUtcNow()) : NamedGuid.Of($"training|{caller.UserId}|{idempotencyKey}");
        if (idempotencyKey is not null && await SameStartAsync(caller, id, drill, min, max, ante) is { } before)
        {
            return before;
        }

        var now = time.GetUtcNow();
        var decisions = caller.IsPremium ? options.Value.PremiumDecisionsPerDay : options.Value.FreeDecisionsPerDay;
        if (await store.CountedTodayAsync(TrainingStore.Quota.Decisions, caller.UserId, now) >= decisions)
        {
            // A drill whose first answer would be refused is not started (nor counted).
            throw QuotaUsed(now, DecisionsText(caller));
        }

        await CountTodayAsync(TrainingStore.Quota.Starts, caller, now, options.Value.TrainingsPerDay, $"drills started today ({options.Value.TrainingsPerDay} a day)");
        var state = new TrainingState();
        var started = Event(id, caller.UserId, 1, now, e => e.TrainingStarted = new TrainingStarted { Drill = drill, MinStack = min, MaxStack = max, Ante = ante });
        state.Apply(started);
        // The leaks drill's first spot is like a past mistake as often as the others.
        var mistakes = drill == Drill.Leaks ? await store.MistakesAsync(caller.UserId) : [];
        var dealt = Event(id, caller.UserId, 2, now, e => e.SpotDealt = Deal(1, state, mistakes));
        state.Apply(dealt);
        if (!await store.AppendAsync(state, 0, [started, dealt], [Feed(started, state), Feed(dealt, state)]))
        {
            // The same key, sent twice at once: the other one started it.
            await store.UncountAsync(TrainingStore.Quota.Starts, caller.UserId, now);
            return await SameStartAsync(caller, id, drill, min, max, ante) ?? throw new SessionConflictException("The training session could not be started; try again.");
        }

        logger.LogInformation("Training {TrainingId} started by {UserId} ({Drill})", id, caller.UserId, state.Drill);
        return TrainingView.From(state);
    }

    /// <summary>The drill a key started already, when it is this request's; a 422 when the key started another.</summary>
    private async Task<TrainingView?> SameStartAsync(Caller caller, Guid id, Drill drill, double min, double max, double ante)
    {
        if (await store.LoadAsync(id) is not { } state)
        {
            return null;
        }

        return state.OwnerId == caller.UserId && state.Drill == TrainingNames.Drill(drill) && state.MinStack == min && state.MaxStack == max && state.Ante == ante
            ? TrainingView.From(state)
            : throw new IdempotencyKeyReusedException();
    }
}
