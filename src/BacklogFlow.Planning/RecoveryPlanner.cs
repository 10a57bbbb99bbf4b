using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Review;
using BacklogFlow.Domain.Screening;
using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Planning;

/// <summary>
/// A discrete-event simulation of a backlog recovery, day by day, with the engine's own rules. The
/// constructor prepares what does not depend on the review policy or the number of reviewers: the
/// arrivals (from the seeded generator), the automatic path (screening within the automatic capacity,
/// the straight-through decision where there is no record), each case's clock from the deadline ledger
/// as intake records it, and the review task each record case becomes, in the queue and priority class
/// the definition routes it to. <see cref="Run"/> then simulates the reviewers under one policy.
/// </summary>
public sealed class RecoveryPlanner
{
    /// <summary>The reviewer search gives up above this many reviewers.</summary>
    public const int MaxReviewersSearched = 20_000;

    private readonly Scenario _scenario;
    private readonly WorkflowCatalog _catalog;
    private readonly ClassRanking _ranking;
    private readonly IReadOnlyList<QueueWeight> _weights;
    private readonly int _initialOpen;
    private readonly int _days;
    private readonly int _horizonCases;

    // Per case, in order of receipt (the open backlog first).
    private readonly List<ClockTemplate> _clock = [];
    private readonly List<MandatoryStatus> _mandatory = [];
    private readonly List<int> _receivedDay = [];
    private readonly List<int> _automaticDay = []; // the day decided on the straight-through path, or -1
    private readonly List<int> _task = [];
    private readonly List<float> _noticeDraw = [];
    private readonly TaskBook _tasks = new();
    private readonly int[] _receivedOn;
    private readonly int[] _decidedAutomaticallyOn;
    private readonly int[] _tasksCreatedOn;

    /// <param name="openBacklog">The live backlog to start from (review tasks); empty for a scenario's own start.</param>
    /// <param name="ranking">The serving order of priority classes in force; the definitions' declared order when null.</param>
    /// <param name="weights">Queue weights in force by queue name; the definitions' where a queue has none.</param>
    public RecoveryPlanner(
        Scenario scenario,
        WorkflowCatalog catalog,
        int seed,
        IReadOnlyList<OpenCase>? openBacklog = null,
        ClassRanking? ranking = null,
        IReadOnlyDictionary<string, int>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(catalog);
        _scenario = scenario;
        _catalog = catalog;
        Seed = seed;
        _ranking = ranking ?? catalog.DeclaredRanking;
        _weights = [.. catalog.AllQueues.Select(q => new QueueWeight(q.Name, weights?.GetValueOrDefault(q.Name, q.Weight) ?? q.Weight))];
        _days = scenario.Days + FollowThroughDays(catalog);
        _receivedOn = new int[_days];
        _decidedAutomaticallyOn = new int[_days];
        _tasksCreatedOn = new int[_days];

        foreach (var open in openBacklog ?? [])
        {
            AddOpenCase(open);
        }

        _initialOpen = _clock.Count;
        var arrivals = new ArrivalGenerator(scenario, catalog, seed, _days).Generate();
        foreach (var arrival in arrivals)
        {
            AddArrival(arrival);
        }

        _horizonCases = _initialOpen + arrivals.Count(a => a.Day < scenario.Days);

        ScreenWithinAutomaticCapacity(arrivals);
    }

    public Scenario Scenario => _scenario;
    public int Seed { get; }

    /// <summary>The cases the plan is about: the open backlog plus the arrivals within the scenario's days.</summary>
    public int Cases => _horizonCases;

    /// <summary>
    /// The last day simulated: after the scenario's days, steady arrivals go on for the longest term
    /// of any definition plus two weeks, so that every case of the plan is decided or has passed its
    /// deadline by then (a plan that stopped at its last day would count no breach for the cases
    /// received in its last weeks).
    /// </summary>
    public DateOnly FollowedThrough => _scenario.Start.AddDays(_days - 1);

    /// <summary>Cases that go to review (those with a record, and the open backlog).</summary>
    public int ReviewTasks => _tasks.Case.Count(c => c < _horizonCases);

    /// <summary>Simulates <paramref name="reviewers"/> reviewers working under <paramref name="policy"/>.</summary>
    public PolicyOutcome Run(ReviewPolicy policy, int reviewers) => Run(policy, reviewers, withPenalty: true);

    /// <summary>
    /// The fewest reviewers with no avoidable mandatory breach under <paramref name="policy"/> (a case
    /// of the open backlog whose legal deadline passed before the plan starts is breached whatever
    /// anyone does): doubling from the scenario's count to find enough, then bisecting (more reviewers
    /// never produce more breaches, which the tests check). Null when even
    /// <see cref="MaxReviewersSearched"/> are not enough.
    /// </summary>
    public int? FewestReviewersForNoMandatoryBreach(ReviewPolicy policy)
    {
        bool Enough(int n) => Run(policy, n, withPenalty: false) is var outcome && outcome.MandatoryBreaches == outcome.MandatoryBreachedBeforeStart;
        if (Enough(0))
        {
            return 0;
        }

        var low = 0;
        var high = Math.Max(1, _scenario.Reviewers.Count);
        while (!Enough(high))
        {
            low = high;
            if (high >= MaxReviewersSearched)
            {
                return null;
            }

            high = Math.Min(MaxReviewersSearched, high * 2);
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (Enough(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    /// <summary>Runs each policy with <paramref name="reviewers"/> and searches its fewest reviewers for no mandatory breach.</summary>
    public IReadOnlyList<PolicyOutcome> Compare(IEnumerable<ReviewPolicy> policies, int reviewers, bool search = true)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return [.. policies.Select(policy => search
            ? Run(policy, reviewers) with { FewestReviewersForNoMandatoryBreach = FewestReviewersForNoMandatoryBreach(policy), Searched = true }
            : Run(policy, reviewers))];
    }

    /// <summary>How many times the review stage has been simulated (each policy, each step of each search).</summary>
    public int Runs { get; private set; }

    private PolicyOutcome Run(ReviewPolicy policy, int reviewers, bool withPenalty)
    {
        Runs++;
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(reviewers);
        var order = OrderFor(policy);
        var decidedOn = new int[_tasks.Count];
        Array.Fill(decidedOn, -1);
        var decidedByReview = new int[_days];
        var capacityOn = new int[_days];
        var next = 0;
        var carry = 0.0;
        for (var day = 0; day < _days; day++)
        {
            for (; next < _tasks.Count && _tasks.CreatedDay[next] <= day; next++)
            {
                order.Add(next);
            }

            var date = _scenario.Start.AddDays(day);
            order.StartDay(date);
            carry += ReviewCapacity(date, reviewers);
            capacityOn[day] = (int)carry;
            while (carry >= 1 && order.TryTake(out var task))
            {
                carry -= 1;
                decidedOn[task] = day;
                decidedByReview[day]++;
            }

            // Capacity nobody had work for is not banked for later days.
            carry -= Math.Floor(carry);
        }

        return Measure(policy, reviewers, decidedOn, decidedByReview, capacityOn, withPenalty);
    }

    private double ReviewCapacity(DateOnly date, int reviewers) =>
        _scenario.IsDuringOutage(date) && !_scenario.ReviewsDuringOutage
            ? 0
            : reviewers * _scenario.Reviewers.ReviewsPerReviewerOn(date, !_catalog.Calendar.IsNonWorkingDay(date));

    private IReviewOrder OrderFor(ReviewPolicy policy)
    {
        var tasks = _tasks;
        return policy.Name switch
        {
            "fifo" => new KeyedOrder(t => (tasks.ReceivedAt[t].UtcTicks, 0)),
            "mandatory-first" => new KeyedOrder(t => (tasks.Mandatory[t] == MandatoryStatus.Mandatory ? 0 : 1, tasks.ReceivedAt[t].UtcTicks)),
            "earliest-deadline" => new KeyedOrder(t => (tasks.Clock[t].DueDate.DayNumber, tasks.ReceivedAt[t].UtcTicks)),
            "definitions" => new DefinitionsOrder(tasks, _ranking, _weights),
            _ => throw new ArgumentException($"unknown policy '{policy.Name}'", nameof(policy)),
        };
    }

    private PolicyOutcome Measure(
        ReviewPolicy policy, int reviewers, int[] taskDecidedOn, int[] decidedByReview, int[] capacityOn, bool withPenalty)
    {
        var end = FollowedThrough;
        var breachesOn = new int[_days + 1];
        var openMandatoryDelta = new int[_days + 1];
        int breachedBefore = 0, mandatoryBreachedBefore = 0;
        int decided = 0, openAtEnd = 0, inTerm = 0, mandatory = 0, mandatoryInTerm = 0, promised = 0, withinPromise = 0, breaches = 0, mandatoryBreaches = 0;
        var penalty = 0m;
        for (var c = 0; c < _horizonCases; c++)
        {
            var clock = _clock[c];
            var day = _task[c] >= 0 ? taskDecidedOn[_task[c]] : _automaticDay[c];
            DateOnly? decidedOn = day >= 0 ? _scenario.Start.AddDays(day) : null;
            openAtEnd += day < 0 || day >= _scenario.Days ? 1 : 0;
            var isMandatory = _mandatory[c] == MandatoryStatus.Mandatory;
            if (isMandatory)
            {
                mandatory++;
                openMandatoryDelta[Math.Max(0, _receivedDay[c])]++;
                openMandatoryDelta[day >= 0 ? day : _days]--;
            }

            if (decidedOn is { } on)
            {
                decided++;
                if (on <= clock.LegalDeadline)
                {
                    inTerm++;
                    mandatoryInTerm += isMandatory ? 1 : 0;
                }
            }

            if (clock.ServicePromise is { } promise)
            {
                promised++;
                withinPromise += decidedOn <= promise ? 1 : 0;
            }

            if ((decidedOn ?? end) <= clock.LegalDeadline)
            {
                continue;
            }

            breaches++;
            mandatoryBreaches += isMandatory ? 1 : 0;
            if (clock.LegalDeadline < _scenario.Start)
            {
                breachedBefore++;
                mandatoryBreachedBefore += isMandatory ? 1 : 0;
            }

            var breachDay = clock.LegalDeadline.DayNumber + 1 - _scenario.Start.DayNumber;
            breachesOn[Math.Clamp(breachDay, 0, _days)]++;
            if (withPenalty && _noticeDraw[c] < _scenario.Penalty.NoticeShare)
            {
                var notice = clock.LegalDeadline.AddDays(_scenario.Penalty.NoticeAfterDays);
                penalty += notice <= end ? clock.PenaltyExposure(notice, decidedOn, end) : 0m;
            }
        }

        var allDays = BurnDown(taskDecidedOn, decidedByReview, capacityOn, breachesOn, openMandatoryDelta);
        var days = allDays.Take(_scenario.Days).ToList();
        var peak = days.MaxBy(d => d.Open) ?? throw new InvalidOperationException("a scenario has at least one day");
        var cleared = allDays.SkipWhile(d => d.Date < peak.Date).FirstOrDefault(d => d.Open <= _scenario.ClearedAtOrBelow);
        return new PolicyOutcome
        {
            Policy = policy,
            Reviewers = reviewers,
            Cases = _horizonCases,
            Decided = decided,
            OpenAtEnd = openAtEnd,
            StillOpen = _horizonCases - decided,
            FollowedThrough = end,
            DecidedInTerm = inTerm,
            MandatoryCases = mandatory,
            MandatoryDecidedInTerm = mandatoryInTerm,
            PromiseCases = promised,
            DecidedWithinPromise = withinPromise,
            Breaches = breaches,
            MandatoryBreaches = mandatoryBreaches,
            BreachedBeforeStart = breachedBefore,
            MandatoryBreachedBeforeStart = mandatoryBreachedBefore,
            PeakBacklog = peak.Open,
            PeakDay = peak.Date,
            ClearedOn = cleared?.Date,
            PenaltyExposure = penalty,
            Days = days,
        };
    }

    private List<PlanDay> BurnDown(int[] taskDecidedOn, int[] decidedByReview, int[] capacityOn, int[] breachesOn, int[] openMandatoryDelta)
    {
        var tasksDecidedOn = new int[_days];
        foreach (var day in taskDecidedOn.Where(d => d >= 0))
        {
            tasksDecidedOn[day]++;
        }

        var days = new List<PlanDay>(_days);
        int open = _initialOpen, openForReview = 0, openMandatory = 0, breaches = 0;
        for (var day = 0; day < _days; day++)
        {
            open += _receivedOn[day] - _decidedAutomaticallyOn[day] - decidedByReview[day];
            openForReview += _tasksCreatedOn[day] - tasksDecidedOn[day];
            openMandatory += openMandatoryDelta[day];
            breaches += breachesOn[day];
            days.Add(new PlanDay(
                _scenario.Start.AddDays(day), _receivedOn[day], _decidedAutomaticallyOn[day], decidedByReview[day],
                open, openForReview, openMandatory, capacityOn[day], breaches));
        }

        return days;
    }

    private void AddOpenCase(OpenCase open)
    {
        var definition = _catalog.Get(open.Product);
        var clock = new ClockTemplate(definition, _catalog.Calendar, open.Clock);
        var index = AddCase(clock, open.Mandatory, ReceivedDay(open.ReceivedAt), automaticDay: -1, noticeDraw: float.MaxValue);
        var queue = IndexOfQueue(open.Queue);
        _task[index] = _tasks.Add(index, 0, queue, _ranking.RankOf(open.PriorityClass), clock, open.ReceivedAt, open.Mandatory);
        _tasksCreatedOn[0]++;
    }

    private static int FollowThroughDays(WorkflowCatalog catalog) =>
        (7 * catalog.Definitions.Max(d => d.Term.Weeks + d.Term.RecordExtensionWeeks)) + 14;

    private int ReceivedDay(DateTimeOffset receivedAt) => LegalTime.ToLegalDate(receivedAt).DayNumber - _scenario.Start.DayNumber;

    private int IndexOfQueue(string queue)
    {
        for (var i = 0; i < _weights.Count; i++)
        {
            if (_weights[i].Queue == queue)
            {
                return i;
            }
        }

        throw new ArgumentException($"queue '{queue}' is in no workflow definition");
    }

    private int AddCase(ClockTemplate clock, MandatoryStatus mandatory, int receivedDay, int automaticDay, float noticeDraw)
    {
        _clock.Add(clock);
        _mandatory.Add(mandatory);
        _receivedDay.Add(receivedDay);
        _automaticDay.Add(automaticDay);
        _task.Add(-1);
        _noticeDraw.Add(noticeDraw);
        return _clock.Count - 1;
    }

    private void AddArrival(Arrival arrival)
    {
        // The clock is completed at screening; until then the receipt-only template stands in.
        AddCase(null!, arrival.Mandatory, arrival.Day, automaticDay: -1, arrival.NoticeDraw);
        _receivedOn[arrival.Day]++;
    }

    /// <summary>
    /// The automatic path, first received first served, within each day's automatic capacity: the
    /// records check, then the definition decides without a person or routes to a queue and class.
    /// </summary>
    private void ScreenWithinAutomaticCapacity(IReadOnlyList<Arrival> arrivals)
    {
        var clocks = new Dictionary<(int Mix, int ReceivedDay, bool Record, int Intended), ClockTemplate>();
        var routes = new Dictionary<(int Mix, int Sector, bool Record), (DecisionOutcome? Outcome, int Queue, int Rank)>();
        WorkflowDefinition[] definitions = [.. _scenario.Arrivals.Products.Select(p => _catalog.Get(p.Product))];
        var next = 0;
        for (var day = 0; day < _days; day++)
        {
            var date = _scenario.Start.AddDays(day);
            var capacity = _scenario.IsDuringOutage(date) ? 0
                : _scenario.RecoveryDay is { } recovery && date >= recovery ? _scenario.Automatic.RecoveryPerDay
                : _scenario.Automatic.PerDay;
            for (; capacity > 0 && next < arrivals.Count && arrivals[next].Day <= day; next++, capacity--)
            {
                var arrival = arrivals[next];
                var caseIndex = _initialOpen + next;
                var definition = definitions[arrival.Mix];
                var clock = Clock(clocks, arrival, definition, date);
                _clock[caseIndex] = clock;
                _automaticDay[caseIndex] = day;
                var route = Route(routes, arrival, definition);
                if (route.Outcome is not null)
                {
                    _decidedAutomaticallyOn[day]++;
                    continue;
                }

                _automaticDay[caseIndex] = -1;
                _task[caseIndex] = _tasks.Add(caseIndex, day, route.Queue, route.Rank, clock, arrival.ReceivedAt, arrival.Mandatory);
                _tasksCreatedOn[day]++;
            }
        }

        // Arrivals the automatic path never reached stay open with the clock intake gave them.
        for (; next < arrivals.Count; next++)
        {
            var arrival = arrivals[next];
            _clock[_initialOpen + next] = Clock(clocks, arrival with { HasRecord = false }, definitions[arrival.Mix], FollowedThrough);
        }
    }

    private ClockTemplate Clock(
        Dictionary<(int, int, bool, int), ClockTemplate> clocks, Arrival arrival, WorkflowDefinition definition, DateOnly screenedOn)
    {
        var key = (arrival.Mix, arrival.Day, arrival.HasRecord, arrival.IntendedSubmissionDate?.DayNumber ?? -1);
        if (!clocks.TryGetValue(key, out var clock))
        {
            // The events intake and screening record: receipt, outage (service promise), record found.
            // The template computes the ledger once, which refuses it as Record would if the law did not allow it.
            List<LedgerEvent> events = [new CaseReceived(LegalTime.Noon(arrival.ReceivedOn))];
            if (_scenario.Outage is { } outage && outage.Affects(arrival.Product, arrival.ReceivedOn, arrival.IntendedSubmissionDate))
            {
                events.Add(new OutageAffected(outage.Start, arrival.IntendedSubmissionDate));
            }

            if (arrival.HasRecord)
            {
                events.Add(new RecordFound(LegalTime.Noon(screenedOn)));
            }

            clock = new ClockTemplate(definition, _catalog.Calendar, new DeadlineLedger(events));
            clocks.Add(key, clock);
        }

        return clock;
    }

    private (DecisionOutcome? Outcome, int Queue, int Rank) Route(
        Dictionary<(int, int, bool), (DecisionOutcome?, int, int)> routes, Arrival arrival, WorkflowDefinition definition)
    {
        var key = (arrival.Mix, arrival.SectorIndex, arrival.HasRecord);
        if (!routes.TryGetValue(key, out var route))
        {
            var screening = arrival.HasRecord ? ScreeningResult.Record : ScreeningResult.NoRecord;
            if (definition.AutomaticOutcome(screening) is { } outcome)
            {
                route = (outcome, -1, -1);
            }
            else
            {
                var facts = new CaseFacts(arrival.Product, null, arrival.Sector, Channels.Web, arrival.Mandatory, screening);
                route = (null, IndexOfQueue(definition.RouteToQueue(facts).Name), _ranking.RankOf(definition.ClassifyPriority(facts).Name));
            }

            routes.Add(key, route);
        }

        return route;
    }
}
