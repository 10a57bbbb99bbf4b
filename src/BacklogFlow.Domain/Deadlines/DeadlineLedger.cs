using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Deadlines.LegalDates;

namespace BacklogFlow.Domain.Deadlines;

/// <summary>
/// A case's clock as a set of <see cref="LedgerEvent"/>s, from which every date is derived by
/// <see cref="Compute"/>. The ledger is immutable and a set: the order in which events were recorded
/// does not change the result, and recording an event twice records it once.
/// </summary>
/// <remarks>
/// The derivation, given the term of the definition and a <see cref="HolidayCalendar"/>:
/// <list type="number">
/// <item>The term is the base weeks, plus the record extension when a record was found, plus the
/// extensions (verdaging), in days.</item>
/// <item>Suspension: the unadjusted end is the earliest date D such that the number of days in
/// (received, D] that are not suspended equals the term in days. So a suspension never shortens a
/// term, overlapping suspensions count once, and suspended days after the end do not count.</item>
/// <item>Algemene termijnenwet: when the term is not longer than <c>atwMaxTermDays</c>, an end on a
/// Saturday, Sunday or holiday moves to the next day that is none of those.</item>
/// <item>Service promise: the same counting from the intended submission date (or outage start) with
/// the promise's weeks; no Atw, since it is a promise, not a statutory term.</item>
/// <item>Penalty (Awb 4:17): see <see cref="PenaltySchedule"/>.</item>
/// </list>
/// </remarks>
public sealed class DeadlineLedger
{
    private readonly HashSet<LedgerEvent> _events;

    public DeadlineLedger(IEnumerable<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = [];
        foreach (var item in events)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(events));
            _events.Add(item);
        }

        var ordered = _events.ToArray();
        Array.Sort(ordered, CanonicalOrder);
        Events = ordered;
    }

    /// <summary>The events in a canonical order (by date, then kind), whatever order they were recorded in.</summary>
    public IReadOnlyList<LedgerEvent> Events { get; }

    /// <summary>A ledger holding only the receipt.</summary>
    public static DeadlineLedger Start(DateTimeOffset receivedAt) => new([new CaseReceived(receivedAt)]);

    public bool Contains(LedgerEvent item) => _events.Contains(item);

    /// <summary>
    /// The ledger with <paramref name="item"/> added, when the law allows it given the other events;
    /// otherwise a <see cref="DeadlineLedgerException"/> says why it is refused.
    /// </summary>
    public DeadlineLedger Record(LedgerEvent item, StatutoryTerm term, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(item);
        var next = new DeadlineLedger(_events.Append(item));
        next.Compute(term, calendar);
        return next;
    }

    /// <summary>
    /// Why an intended submission date cannot go with a receipt on <paramref name="receivedOn"/>, or
    /// null: the applicant meant to apply on or before the day the application arrived, never after
    /// (the service promise counts from that date). Intake's validation asks the same.
    /// </summary>
    public static string? IntendedSubmissionProblem(DateOnly intended, DateOnly receivedOn) =>
        intended > receivedOn ? $"the intended submission date {intended:yyyy-MM-dd} is after the receipt {receivedOn:yyyy-MM-dd}" : null;

    /// <summary>
    /// Derives the dates. <paramref name="asOf"/> is the date the penalty exposure is counted up to
    /// (inclusive); without it, up to the decision or, undecided, the most the penalty can become.
    /// <paramref name="tariffs"/> defaults to <see cref="PenaltyTariffs.Awb417"/>. Throws a
    /// <see cref="DeadlineLedgerException"/> when the events contradict each other or the law.
    /// </summary>
    public DeadlineComputation Compute(
        StatutoryTerm term, HolidayCalendar calendar, DateOnly? asOf = null, PenaltyTariffs? tariffs = null)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(calendar);
        tariffs ??= PenaltyTariffs.Awb417;
        var rules = new List<string>();

        var received = Single<CaseReceived>("receipt", required: true)!;
        var receivedOn = received.Date;
        var decidedOn = Single<CaseDecided>("decision", required: false)?.Date;
        if (decidedOn < receivedOn)
        {
            throw new DeadlineLedgerException(
                $"the decision ({Format(decidedOn.Value)}) cannot come before the receipt ({Format(receivedOn)})");
        }

        foreach (var outage in _events.OfType<OutageAffected>())
        {
            if (outage.IntendedSubmissionDate is { } intended && IntendedSubmissionProblem(intended, receivedOn) is { } problem)
            {
                throw new DeadlineLedgerException(problem);
            }
        }

        var suspensions = Suspensions();
        var merged = Merge(suspensions);
        var recordFoundOn = _events.OfType<RecordFound>().Select(r => (DateOnly?)r.Date).Min();
        var recordWeeks = recordFoundOn is null ? 0 : term.RecordExtensionWeeks;
        var extensions = Extensions(term, calendar, receivedOn, decidedOn, recordFoundOn, merged);
        var extensionWeeks = extensions.Sum(e => e.Weeks);

        rules.Add(ReceivedRule(received, receivedOn, term.Weeks));
        if (recordFoundOn is { } foundOn)
        {
            rules.Add(term.RecordExtensionWeeks > 0
                ? $"record found {Format(foundOn)}: term extended by {Weeks(term.RecordExtensionWeeks)} to {Weeks(term.Weeks + recordWeeks)} (record extension)"
                : $"record found {Format(foundOn)}: the term stays {Weeks(term.Weeks)} (this product has no record extension)");
        }

        foreach (var extension in extensions)
        {
            rules.Add(
                $"extended by {Weeks(extension.Weeks)} ({extension.Reason.Trim()}), noticed {Format(extension.NoticeDate)}: "
                + $"extensions {Weeks(extensionWeeks)} of at most {Weeks(term.MaxExtensionWeeks)}");
        }

        var termWeeks = term.Weeks + recordWeeks + extensionWeeks;
        var termDays = 7 * termWeeks;
        var (unadjustedEnd, suspendedDays) = Run(receivedOn, termDays, merged);
        AddSuspensionRules(rules, suspensions, receivedOn, unadjustedEnd, suspendedDays);

        var atwApplies = termDays <= term.AtwMaxTermDays;
        var legalDeadline = atwApplies ? calendar.NextWorkingDayFrom(unadjustedEnd) : unadjustedEnd;
        rules.Add(EndRule(calendar, term, termWeeks, suspendedDays, unadjustedEnd, atwApplies, legalDeadline));

        var (promiseFrom, promiseDeadline) = ServicePromise(term, merged, rules);
        var due = promiseDeadline is { } promise && promise < legalDeadline ? promise : legalDeadline;
        if (promiseDeadline is not null)
        {
            rules.Add(
                $"due {Format(due)}: the earlier of the legal deadline ({Format(legalDeadline)}) "
                + $"and the service promise ({Format(promiseDeadline.Value)})");
        }

        if (decidedOn is { } decided)
        {
            rules.Add(decided <= legalDeadline
                ? $"decided {Format(decided)}: within the legal deadline"
                : $"decided {Format(decided)}: {Days(decided.DayNumber - legalDeadline.DayNumber)} after the legal deadline");
        }

        var penalty = Penalty(legalDeadline, decidedOn, asOf, tariffs, rules);

        return new DeadlineComputation
        {
            ReceivedOn = receivedOn,
            BaseWeeks = term.Weeks,
            RecordExtensionWeeks = recordWeeks,
            ExtensionWeeks = extensionWeeks,
            SuspendedDays = suspendedDays,
            UnadjustedEnd = unadjustedEnd,
            AtwApplies = atwApplies,
            LegalDeadline = legalDeadline,
            ServicePromiseStartsFrom = promiseFrom,
            ServicePromiseDeadline = promiseDeadline,
            EffectiveDueDate = due,
            DecidedOn = decidedOn,
            AsOf = asOf,
            Penalty = penalty,
            AppliedRules = rules,
        };
    }

    /// <summary>
    /// The earliest date D such that the days in (<paramref name="start"/>, D] that are not suspended
    /// number <paramref name="days"/>, and how many suspended days lie in (start, D].
    /// </summary>
    private static (DateOnly End, int SuspendedDays) Run(
        DateOnly start, int days, IReadOnlyList<(DateOnly From, DateOnly To)> merged)
    {
        var end = start.AddDays(days);
        var suspended = 0;
        foreach (var (from, to) in merged)
        {
            if (to <= start)
            {
                continue;
            }

            var first = from > start ? from : start.AddDays(1);
            if (first > end)
            {
                break;
            }

            // Every day first..to is suspended and lies before the new end (end >= first, so
            // end + (to - first + 1) > to): the whole interval counts.
            var length = to.DayNumber - first.DayNumber + 1;
            end = end.AddDays(length);
            suspended += length;
        }

        return (end, suspended);
    }

    private static List<(DateOnly From, DateOnly To)> Merge(IEnumerable<ClockSuspended> suspensions)
    {
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var suspension in suspensions.OrderBy(s => s.From).ThenBy(s => s.To))
        {
            if (merged.Count > 0 && suspension.From.DayNumber <= merged[^1].To.DayNumber + 1)
            {
                if (suspension.To > merged[^1].To)
                {
                    merged[^1] = (merged[^1].From, suspension.To);
                }
            }
            else
            {
                merged.Add((suspension.From, suspension.To));
            }
        }

        return merged;
    }

    private TEvent? Single<TEvent>(string noun, bool required)
        where TEvent : LedgerEvent
    {
        var found = _events.OfType<TEvent>().OrderBy(e => e.Date).ToList();
        if (found.Count > 1)
        {
            throw new DeadlineLedgerException(
                $"a case has one {noun}; the ledger holds {found.Count} ({string.Join(", ", found.Select(e => Format(e.Date)))})");
        }

        return found.Count == 1 || !required
            ? found.FirstOrDefault()
            : throw new DeadlineLedgerException($"the ledger has no {noun}: the clock cannot start");
    }

    private List<ClockSuspended> Suspensions()
    {
        var suspensions = _events.OfType<ClockSuspended>()
            .OrderBy(s => s.From).ThenBy(s => s.To).ThenBy(s => s.Reason).ThenBy(s => s.NoticeDate)
            .ToList();
        foreach (var suspension in suspensions)
        {
            var what = $"suspension {suspension.From:yyyy-MM-dd}..{suspension.To:yyyy-MM-dd} ({Describe(suspension.Reason)})";
            if (suspension.To < suspension.From)
            {
                throw new DeadlineLedgerException($"{what} ends before it starts");
            }

            if (suspension.Reason == SuspensionReason.ForceMajeure && suspension.NoticeDate is null)
            {
                throw new DeadlineLedgerException(
                    $"{what} is refused: a suspension for force majeure needs the date of its notice to the applicant");
            }
        }

        return suspensions;
    }

    /// <summary>
    /// The extensions, validated: each has weeks and a reason, all together stay within the cap, and
    /// each was noticed on or before the legal deadline in force on its notice date (computed with the
    /// extensions noticed earlier, the record extension when the record was found by then, and all
    /// suspensions). Extensions noticed on the same day are judged together.
    /// </summary>
    private List<TermExtended> Extensions(
        StatutoryTerm term,
        HolidayCalendar calendar,
        DateOnly receivedOn,
        DateOnly? decidedOn,
        DateOnly? recordFoundOn,
        IReadOnlyList<(DateOnly From, DateOnly To)> merged)
    {
        var extensions = _events.OfType<TermExtended>()
            .OrderBy(e => e.NoticeDate).ThenBy(e => e.Weeks).ThenBy(e => e.Reason, StringComparer.Ordinal)
            .ToList();
        foreach (var extension in extensions)
        {
            var what = $"extension by {Weeks(extension.Weeks)} noticed {Format(extension.NoticeDate)}";
            if (extension.Weeks < 1)
            {
                throw new DeadlineLedgerException($"{what} is refused: an extension is at least one week");
            }

            if (string.IsNullOrWhiteSpace(extension.Reason))
            {
                throw new DeadlineLedgerException($"{what} is refused: an extension needs a reason");
            }

            if (extension.NoticeDate < receivedOn)
            {
                throw new DeadlineLedgerException($"{what} is refused: it was noticed before the application was received");
            }

            if (extension.NoticeDate > decidedOn)
            {
                throw new DeadlineLedgerException($"{what} is refused: it was noticed after the decision ({Format(decidedOn.Value)})");
            }
        }

        var total = extensions.Sum(e => e.Weeks);
        if (total > term.MaxExtensionWeeks)
        {
            throw new DeadlineLedgerException(
                $"extensions of {Weeks(total)} in total are refused: the definition allows at most "
                + $"{Weeks(term.MaxExtensionWeeks)} (maxExtensionWeeks)");
        }

        var earlierWeeks = 0;
        foreach (var group in extensions.GroupBy(e => e.NoticeDate))
        {
            var recordWeeks = recordFoundOn <= group.Key ? term.RecordExtensionWeeks : 0;
            var termDays = 7 * (term.Weeks + recordWeeks + earlierWeeks);
            var (end, _) = Run(receivedOn, termDays, merged);
            var inForce = termDays <= term.AtwMaxTermDays ? calendar.NextWorkingDayFrom(end) : end;
            if (group.Key > inForce)
            {
                var weeks = group.Sum(e => e.Weeks);
                throw new DeadlineLedgerException(
                    $"extension by {Weeks(weeks)} noticed {Format(group.Key)} is refused: the deadline in force then "
                    + $"was {Format(inForce)}, and a term can only be extended before it has ended");
            }

            earlierWeeks += group.Sum(e => e.Weeks);
        }

        return extensions;
    }

    private static string ReceivedRule(CaseReceived received, DateOnly receivedOn, int weeks)
    {
        var rule = $"received {Format(receivedOn)}; term {Weeks(weeks)} runs from {Format(receivedOn.AddDays(1))}";
        var utc = received.At.UtcDateTime;
        return DateOnly.FromDateTime(utc) == receivedOn
            ? rule
            : $"{rule} (received {utc:yyyy-MM-dd HH:mm} UTC; the legal date is the date in Europe/Amsterdam)";
    }

    private static void AddSuspensionRules(
        List<string> rules, List<ClockSuspended> suspensions, DateOnly receivedOn, DateOnly end, int suspendedDays)
    {
        foreach (var suspension in suspensions)
        {
            var notice = suspension.NoticeDate is { } noticed ? $", noticed {Format(noticed)}" : "";
            var what = $"{Describe(suspension.Reason)}{notice}, {Range(suspension.From, suspension.To)}";
            var first = suspension.From > receivedOn ? suspension.From : receivedOn.AddDays(1);
            var last = suspension.To < end ? suspension.To : end;
            var counted = Math.Max(0, last.DayNumber - first.DayNumber + 1);
            rules.Add(
                counted == suspension.Days ? $"suspended {Days(counted)} ({what})"
                : counted > 0 ? $"suspended {counted} of {Days(suspension.Days)} ({what}): only days inside the running term count"
                : $"suspension not counted ({what}): it lies outside the running term");
        }

        if (suspensions.Count > 1)
        {
            rules.Add($"suspended {Days(suspendedDays)} in total (overlapping suspensions count once); the end moves as many days");
        }
    }

    private static string EndRule(
        HolidayCalendar calendar,
        StatutoryTerm term,
        int termWeeks,
        int suspendedDays,
        DateOnly unadjustedEnd,
        bool atwApplies,
        DateOnly legalDeadline)
    {
        var pushed = suspendedDays > 0 ? $" (term {Weeks(termWeeks)} + {Days(suspendedDays)} suspended)" : "";
        var ends = $"ends {Format(unadjustedEnd)}{pushed}";
        if (!atwApplies)
        {
            return $"{ends}; the Atw does not apply: the term of {Weeks(termWeeks)} ({7 * termWeeks} days) "
                + $"is longer than {term.AtwMaxTermDays} days";
        }

        if (legalDeadline == unadjustedEnd)
        {
            return $"{ends}, a working day";
        }

        var skipped = new List<string>();
        for (var day = unadjustedEnd; day < legalDeadline; day = day.AddDays(1))
        {
            skipped.Add($"{Format(day)}: {calendar.NonWorkingReason(day)}");
        }

        return $"{ends} → Atw → {Format(legalDeadline)} ({string.Join("; ", skipped)})";
    }

    private (DateOnly? From, DateOnly? Deadline) ServicePromise(
        StatutoryTerm term, IReadOnlyList<(DateOnly From, DateOnly To)> merged, List<string> rules)
    {
        var outage = _events.OfType<OutageAffected>()
            .OrderBy(o => o.PromiseStartsFrom).ThenBy(o => o.OutageStart)
            .FirstOrDefault();
        if (outage is null)
        {
            return (null, null);
        }

        var from = outage.PromiseStartsFrom;
        var (end, suspended) = Run(from, 7 * term.ServicePromiseWeeks, merged);
        var origin = outage.IntendedSubmissionDate is null ? "the outage start" : "the intended submission date";
        var pushed = suspended > 0 ? $" + {Days(suspended)} suspended" : "";
        rules.Add(
            $"service promise: {Weeks(term.ServicePromiseWeeks)} from {origin} {Format(from)}{pushed} → {Format(end)} "
            + "(no Atw: a promise, not a statutory term)");
        return (from, end);
    }

    private PenaltySchedule? Penalty(
        DateOnly legalDeadline, DateOnly? decidedOn, DateOnly? asOf, PenaltyTariffs tariffs, List<string> rules)
    {
        var notices = _events.OfType<DefaultNoticeReceived>().Select(n => n.ReceivedOn).Distinct().Order().ToList();
        foreach (var premature in notices.Where(n => n <= legalDeadline))
        {
            rules.Add(
                $"notice of default received {Format(premature)} does not count: the term had not ended yet "
                + $"(its last day is {Format(legalDeadline)}); a premature notice does not count (Awb 4:17)");
        }

        var valid = notices.Where(n => n > legalDeadline).Select(n => (DateOnly?)n).FirstOrDefault();
        if (valid is not { } notice)
        {
            return null;
        }

        if (decidedOn is { } decided && decided <= notice)
        {
            rules.Add($"notice of default received {Format(notice)}, on or after the decision: no penalty");
            return null;
        }

        var tariff = tariffs.InForceOn(notice);
        if (tariff is null)
        {
            rules.Add($"notice of default received {Format(notice)}: no penalty for deciding late was in force then (Awb 4:17)");
            return null;
        }

        var later = notice > legalDeadline ? notice : legalDeadline;
        var schedule = PenaltySchedule.Create(notice, later.AddDays(PenaltySchedule.WaitDays), tariff, decidedOn, asOf);
        rules.Add(
            $"notice of default received {Format(notice)} counts; the penalty runs from {Format(schedule.FirstDay)} "
            + $"(two weeks after the later of the deadline and the notice), at most {PenaltySchedule.MaxDays} days "
            + $"through {Format(schedule.LastDay)}; the Atw does not apply to these days");
        rules.Add(
            $"penalty tariff from {Format(tariff.EffectiveFrom)} (by the date the notice was received): "
            + $"{Money(tariff.FirstBandPerDay)}/{Money(tariff.SecondBandPerDay)}/{Money(tariff.ThirdBandPerDay)} a day "
            + $"for days 1–14/15–28/29–42, at most {Money(tariff.Maximum)}");
        var until = decidedOn is { } stop && (asOf is null || stop.AddDays(-1) <= asOf)
            ? $"until the decision on {Format(stop)}"
            : asOf is { } date ? $"as of {Format(date)}" : "if no decision comes (the most it can become)";
        rules.Add($"penalty {until}: {Days(schedule.DaysCounted)}, {Money(schedule.Total)}");
        return schedule;
    }

    /// <summary>
    /// By date, then kind, then (two events of one kind on one day) their text: a total order, as
    /// the events are a set. The text is formatted only for such a tie: sorting by it as a third key
    /// formatted every event of every ledger, a record's ToString (about 1 % of what an embedded
    /// surge allocated, every case's ledger being built at least once).
    /// </summary>
    private static int CanonicalOrder(LedgerEvent a, LedgerEvent b)
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0)
        {
            return byDate;
        }

        var byKind = KindRank(a).CompareTo(KindRank(b));
        return byKind != 0 ? byKind : string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private static int KindRank(LedgerEvent item) => item switch
    {
        CaseReceived => 0,
        RecordFound => 1,
        OutageAffected => 2,
        ClockSuspended => 3,
        TermExtended => 4,
        DefaultNoticeReceived => 5,
        CaseDecided => 6,
        _ => 7,
    };
}
