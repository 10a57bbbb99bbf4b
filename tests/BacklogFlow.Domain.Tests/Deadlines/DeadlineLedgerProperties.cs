using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using FsCheck;
using FsCheck.Fluent;

namespace BacklogFlow.Domain.Tests.Deadlines;

/// <summary>
/// Properties of the derivation, over random receipts, terms and clock events. FsCheck's checker runs
/// inside each [Fact] and throws with the shrunk counter-example when a property fails.
/// </summary>
public sealed class DeadlineLedgerProperties
{
    private static readonly DateOnly _earliest = new(1995, 1, 1);
    private static readonly DateOnly _latest = new(2090, 12, 31);

    private static readonly Gen<DateOnly> _receivedOn =
        Gen.Choose(0, _latest.DayNumber - _earliest.DayNumber).Select(offset => _earliest.AddDays(offset));

    private static readonly Gen<StatutoryTerm> _term =
        from weeks in Gen.Choose(1, 12)
        from recordWeeks in Gen.Choose(0, 4)
        from maxExtension in Gen.Choose(0, 8)
        select new StatutoryTerm(weeks, recordWeeks, maxExtension, "generated");

    private static readonly Gen<SuspensionReason> _reason = Gen.Elements(Enum.GetValues<SuspensionReason>());

    [Fact]
    public void LegalDeadline_WhenTheAtwApplies_IsNeverAWeekendOrHoliday()
    {
        var property = Prop.ForAll(
            Scenarios().ToArbitrary(),
            scenario =>
            {
                var result = scenario.Ledger().Compute(scenario.Term, ShippedCalendar.Calendar);
                return !result.AtwApplies || !ShippedCalendar.Calendar.IsNonWorkingDay(result.LegalDeadline);
            });

        Verify(property, maxTest: 500);
    }

    [Fact]
    public void Suspension_NeverShortensTheTerm()
    {
        var property = Prop.ForAll(
            Scenarios().ToArbitrary(),
            scenario =>
            {
                var with = scenario.Ledger().Compute(scenario.Term, ShippedCalendar.Calendar);
                var without = new DeadlineLedger(scenario.Events.Where(e => e is not ClockSuspended))
                    .Compute(scenario.Term, ShippedCalendar.Calendar);
                return with.UnadjustedEnd == without.UnadjustedEnd.AddDays(with.SuspendedDays)
                    && with.LegalDeadline >= without.LegalDeadline
                    && (without.ServicePromiseDeadline is null
                        || with.ServicePromiseDeadline >= without.ServicePromiseDeadline);
            });

        Verify(property, maxTest: 500);
    }

    [Fact]
    public void Compute_AnyRecordingOrder_GivesTheSameResult()
    {
        var scenarios =
            from scenario in Scenarios(withRefusableEvents: true)
            from shuffled in Gen.Shuffle(scenario.Events.Concat(scenario.Events.Take(2)))
            select (Scenario: scenario, Shuffled: shuffled);
        var property = Prop.ForAll(
            scenarios.ToArbitrary(),
            pair =>
            {
                var asOf = pair.Scenario.ReceivedOn.AddDays(70);
                return Outcome(new DeadlineLedger(pair.Scenario.Events), pair.Scenario.Term, asOf)
                    == Outcome(new DeadlineLedger(pair.Shuffled), pair.Scenario.Term, asOf);
            });

        Verify(property, maxTest: 300);
    }

    private static void Verify(Property property, int maxTest) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), property);

    private static Gen<Scenario> Scenarios(bool withRefusableEvents = false) =>
        from receivedOn in _receivedOn
        from term in _term
        from suspensions in UpTo(4, Suspension(receivedOn))
        from recordFound in Gen.Elements(true, false)
        from outage in Gen.Choose(-30, 5).Select(offset => new OutageAffected(receivedOn.AddDays(offset))).OrNull()
        from notices in UpTo(3, Gen.Choose(0, 150).Select(offset => new DefaultNoticeReceived(receivedOn.AddDays(offset))))
        from decided in Gen.Choose(1, 200).Select(offset => new CaseDecided(Noon(receivedOn.AddDays(offset)))).OrNull()
        from extensions in UpTo(withRefusableEvents ? 3 : 1, Extension(receivedOn, withRefusableEvents))
        let valid = withRefusableEvents ? extensions : extensions.Where(e => e.Weeks <= term.MaxExtensionWeeks)
        select new Scenario(
            receivedOn,
            term,
            [
                new CaseReceived(Noon(receivedOn)),
                .. suspensions,
                .. recordFound ? new LedgerEvent[] { new RecordFound(Noon(receivedOn.AddDays(1))) } : [],
                .. outage is null ? [] : new LedgerEvent[] { outage },
                .. notices,
                .. decided is null ? [] : new LedgerEvent[] { decided },
                .. valid,
            ]);

    private static Gen<List<T>> UpTo<T>(int max, Gen<T> item) =>
        Gen.Choose(0, max).SelectMany(count => Gen.ListOf(item, count)).Select(items => items.ToList());

    private static Gen<LedgerEvent> Suspension(DateOnly receivedOn) =>
        from start in Gen.Choose(-10, 90)
        from length in Gen.Choose(1, 20)
        from reason in _reason
        let first = receivedOn.AddDays(start)
        select (LedgerEvent)new ClockSuspended(
            first, first.AddDays(length - 1), reason, reason == SuspensionReason.ForceMajeure ? first : null);

    /// <summary>An extension noticed on the day of receipt (always in time), or any time when refusals are wanted.</summary>
    private static Gen<TermExtended> Extension(DateOnly receivedOn, bool anyDay) =>
        from weeks in Gen.Choose(1, 4)
        from noticed in anyDay ? Gen.Choose(0, 120) : Gen.Constant(0)
        select new TermExtended(weeks, "generated", receivedOn.AddDays(noticed));

    private static DateTimeOffset Noon(DateOnly date) => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(1));

    /// <summary>The whole result as text (or the refusal), so that two results compare by value.</summary>
    private static string Outcome(DeadlineLedger ledger, StatutoryTerm term, DateOnly asOf)
    {
        try
        {
            var r = ledger.Compute(term, ShippedCalendar.Calendar, asOf);
            var penalty = r.Penalty is { } p
                ? $"{p.NoticeReceivedOn}|{p.FirstDay}|{p.LastDay}|{p.Tariff.EffectiveFrom}|{string.Join(",", p.Bands)}|{p.Total}"
                : "none";
            return string.Join(
                "\n",
                [
                    $"{r.ReceivedOn}|{r.TermWeeks}|{r.RecordExtensionWeeks}|{r.ExtensionWeeks}|{r.SuspendedDays}",
                    $"{r.UnadjustedEnd}|{r.AtwApplies}|{r.LegalDeadline}|{r.ServicePromiseStartsFrom}|{r.ServicePromiseDeadline}",
                    $"{r.EffectiveDueDate}|{r.DecidedOn}|{penalty}",
                    .. r.AppliedRules,
                ]);
        }
        catch (DeadlineLedgerException e)
        {
            return "refused: " + e.Message;
        }
    }

    private sealed record Scenario(DateOnly ReceivedOn, StatutoryTerm Term, IReadOnlyList<LedgerEvent> Events)
    {
        public DeadlineLedger Ledger() => new(Events);
    }
}
