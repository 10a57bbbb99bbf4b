using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using static BacklogFlow.Domain.Tests.Deadlines.LedgerBuilder;
using static BacklogFlow.Domain.Tests.TestSupport.Cases;

namespace BacklogFlow.Domain.Tests.Deadlines;

public sealed class DeadlineLedgerTests
{
    [Fact]
    public void Compute_ReceivedTuesday2Nov2021FourWeeks_IsTuesday30Nov2021()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2));

        result.ReceivedOn.Should().Be(D(2021, 11, 2));
        result.TermStartsOn.Should().Be(D(2021, 11, 3));
        result.TermWeeks.Should().Be(4);
        result.UnadjustedEnd.Should().Be(D(2021, 11, 30));
        result.LegalDeadline.Should().Be(D(2021, 11, 30));
        result.EffectiveDueDate.Should().Be(D(2021, 11, 30));
        result.SuspendedDays.Should().Be(0);
        result.ServicePromiseDeadline.Should().BeNull();
        result.Penalty.Should().BeNull();
        result.AppliedRules.Should().Equal(
            "received Tue 2 Nov 2021; term 4 weeks runs from Wed 3 Nov 2021",
            "ends Tue 30 Nov 2021, a working day");
    }

    [Fact]
    public void Compute_ReceivedSaturday27Nov2021_EndsOnChristmasAndMovesToMonday27Dec()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 27));

        result.UnadjustedEnd.Should().Be(D(2021, 12, 25));
        result.AtwApplies.Should().BeTrue();
        result.LegalDeadline.Should().Be(D(2021, 12, 27));
        result.LegalDeadline.DayOfWeek.Should().Be(DayOfWeek.Monday);
        result.AppliedRules.Should().Contain(
            "ends Sat 25 Dec 2021 → Atw → Mon 27 Dec 2021 "
            + "(Sat 25 Dec 2021: Saturday, Christmas Day; Sun 26 Dec 2021: Sunday, Boxing Day)");
    }

    [Theory]
    [InlineData("vog-np", true)]
    [InlineData("vog-rp", false)]
    [InlineData("vog-rp", true)]
    [InlineData("gva", false)]
    public void Compute_EightWeeksFromTuesday2Nov2021_IsTuesday28Dec2021(string product, bool recordFound)
    {
        LedgerEvent[] events = recordFound ? [Received(2021, 11, 2), Record(2021, 11, 3)] : [Received(2021, 11, 2)];

        var result = Compute(Catalog.Get(product).Term, events);

        result.TermWeeks.Should().Be(8);
        result.LegalDeadline.Should().Be(D(2021, 12, 28));
    }

    [Fact]
    public void Compute_RecordFound_AddsTheRecordExtensionOnceAndSaysSo()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Record(2021, 11, 3), Record(2021, 11, 5));

        result.RecordExtensionWeeks.Should().Be(4);
        result.TermWeeks.Should().Be(8);
        result.AppliedRules.Should().Contain("record found Wed 3 Nov 2021: term extended by 4 weeks to 8 weeks (record extension)");
    }

    [Fact]
    public void Compute_ReceivedLateEveningUtc_CountsFromTheAmsterdamDate()
    {
        var result = Compute(VogNp.Term, new CaseReceived(new DateTimeOffset(2021, 11, 1, 23, 30, 0, TimeSpan.Zero)));

        result.ReceivedOn.Should().Be(D(2021, 11, 2));
        result.LegalDeadline.Should().Be(D(2021, 11, 30));
        result.AppliedRules[0].Should().Contain("the legal date is the date in Europe/Amsterdam");
    }

    [Theory]
    [InlineData(12, 84, true)]
    [InlineData(13, 84, false)]
    [InlineData(13, 91, true)]
    [InlineData(12, 83, false)]
    public void Compute_TermAroundTheAtwThreshold_AppliesTheAtwOnlyUpToIt(int weeks, int atwMaxTermDays, bool applies)
    {
        var received = D(2021, 12, 25).AddDays(-7 * weeks);
        var term = new StatutoryTerm(weeks, 0, 0, "see") { AtwMaxTermDays = atwMaxTermDays };

        var result = Compute(term, Received(received.Year, received.Month, received.Day));

        result.UnadjustedEnd.Should().Be(D(2021, 12, 25));
        result.AtwApplies.Should().Be(applies);
        result.LegalDeadline.Should().Be(applies ? D(2021, 12, 27) : D(2021, 12, 25));
    }

    [Fact]
    public void Compute_ThirteenWeeks_SaysTheAtwDoesNotApply()
    {
        var result = Compute(new StatutoryTerm(13, 0, 0, "see"), Received(2021, 10, 2));

        result.LegalDeadline.Should().Be(D(2022, 1, 1));
        result.AppliedRules.Should().Contain(
            "ends Sat 1 Jan 2022; the Atw does not apply: the term of 13 weeks (91 days) is longer than 84 days");
    }

    [Fact]
    public void Compute_VogNpAtItsLongest_TwelveWeeksStillGetsTheAtw()
    {
        // 4 + 4 (record) + 4 (extension) = 12 weeks = 84 days: the Atw applies.
        var result = Compute(
            VogNp.Term, Received(2021, 10, 2), Record(2021, 10, 4), new TermExtended(4, "complex record", D(2021, 10, 20)));

        result.TermWeeks.Should().Be(12);
        result.UnadjustedEnd.Should().Be(D(2021, 12, 25));
        result.LegalDeadline.Should().Be(D(2021, 12, 27));
    }

    [Fact]
    public void Compute_SuspendedThreeDays_PushesTheEndThreeDays()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 11, 5), D(2021, 11, 7)));

        result.SuspendedDays.Should().Be(3);
        result.UnadjustedEnd.Should().Be(D(2021, 12, 3));
        result.LegalDeadline.Should().Be(D(2021, 12, 3));
        result.AppliedRules.Should().Equal(
            "received Tue 2 Nov 2021; term 4 weeks runs from Wed 3 Nov 2021",
            "suspended 3 days (request to complete, 5–7 Nov 2021)",
            "ends Fri 3 Dec 2021 (term 4 weeks + 3 days suspended), a working day");
    }

    [Fact]
    public void Compute_OverlappingSuspensions_CountOnce()
    {
        var result = Compute(
            VogNp.Term,
            Received(2021, 11, 2),
            Suspended(D(2021, 11, 5), D(2021, 11, 7)),
            Suspended(D(2021, 11, 6), D(2021, 11, 9), SuspensionReason.ApplicantConsent));

        result.SuspendedDays.Should().Be(5);
        result.UnadjustedEnd.Should().Be(D(2021, 12, 5));
        result.LegalDeadline.Should().Be(D(2021, 12, 6));
        result.AppliedRules.Should().Contain("suspended 5 days in total (overlapping suspensions count once); the end moves as many days");
    }

    [Fact]
    public void Compute_SuspensionAfterTheDeadline_IsIgnored()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 12, 1), D(2021, 12, 10)));

        result.SuspendedDays.Should().Be(0);
        result.LegalDeadline.Should().Be(D(2021, 11, 30));
        result.AppliedRules.Should().Contain(
            "suspension not counted (request to complete, 1–10 Dec 2021): it lies outside the running term");
    }

    [Fact]
    public void Compute_SuspensionStartingOnTheLastDay_CountsWholly()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 11, 30), D(2021, 12, 2)));

        result.SuspendedDays.Should().Be(3);
        result.LegalDeadline.Should().Be(D(2021, 12, 3));
    }

    [Fact]
    public void Compute_SuspensionPartlyBeforeReceipt_CountsOnlyDaysInsideTheTerm()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 10, 30), D(2021, 11, 4)));

        result.SuspendedDays.Should().Be(2);
        result.LegalDeadline.Should().Be(D(2021, 12, 2));
        result.AppliedRules.Should().Contain(
            "suspended 2 of 6 days (request to complete, 30 Oct–4 Nov 2021): only days inside the running term count");
    }

    [Fact]
    public void Compute_ForceMajeureWithoutNotice_IsRefused()
    {
        var error = Refused(
            VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 11, 5), D(2021, 11, 7), SuspensionReason.ForceMajeure));

        error.Message.Should().Be(
            "suspension 2021-11-05..2021-11-07 (force majeure) is refused: "
            + "a suspension for force majeure needs the date of its notice to the applicant");
    }

    [Fact]
    public void Compute_ForceMajeureWithNotice_Suspends()
    {
        var result = Compute(
            VogNp.Term,
            Received(2021, 11, 2),
            Suspended(D(2021, 11, 5), D(2021, 11, 7), SuspensionReason.ForceMajeure, notice: D(2021, 11, 5)));

        result.SuspendedDays.Should().Be(3);
        result.AppliedRules.Should().Contain("suspended 3 days (force majeure, noticed Fri 5 Nov 2021, 5–7 Nov 2021)");
    }

    [Fact]
    public void Compute_IntendedSubmissionAfterTheReceipt_IsRefused()
    {
        var error = Refused(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 18), D(2021, 11, 3)));

        error.Message.Should().Be("the intended submission date 2021-11-03 is after the receipt 2021-11-02");
    }

    [Fact]
    public void Compute_IntendedSubmissionOnTheDayOfReceipt_PromiseRunsFromIt()
    {
        var computed = Compute(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 18), D(2021, 11, 2)));

        computed.ServicePromiseStartsFrom.Should().Be(D(2021, 11, 2));
    }

    [Fact]
    public void Compute_SuspensionEndingBeforeItStarts_IsRefused()
    {
        var error = Refused(VogNp.Term, Received(2021, 11, 2), Suspended(D(2021, 11, 7), D(2021, 11, 5)));

        error.Message.Should().Be("suspension 2021-11-07..2021-11-05 (request to complete) ends before it starts");
    }

    [Fact]
    public void Compute_ExtensionWithinTheCap_LengthensTheTerm()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new TermExtended(4, "complex case", D(2021, 11, 15)));

        result.ExtensionWeeks.Should().Be(4);
        result.LegalDeadline.Should().Be(D(2021, 12, 28));
        result.AppliedRules.Should().Contain(
            "extended by 4 weeks (complex case), noticed Mon 15 Nov 2021: extensions 4 weeks of at most 4 weeks");
    }

    [Fact]
    public void Compute_ExtensionsOverTheCap_AreRefused()
    {
        var error = Refused(
            VogNp.Term,
            Received(2021, 11, 2),
            new TermExtended(3, "first", D(2021, 11, 15)),
            new TermExtended(2, "second", D(2021, 11, 16)));

        error.Message.Should().Be(
            "extensions of 5 weeks in total are refused: the definition allows at most 4 weeks (maxExtensionWeeks)");
    }

    [Fact]
    public void Compute_ExtensionNoticedAfterTheDeadline_IsRefused()
    {
        var error = Refused(VogNp.Term, Received(2021, 11, 2), new TermExtended(2, "late", D(2021, 12, 1)));

        error.Message.Should().Be(
            "extension by 2 weeks noticed Wed 1 Dec 2021 is refused: the deadline in force then was Tue 30 Nov 2021, "
            + "and a term can only be extended before it has ended");
    }

    [Fact]
    public void Compute_ExtensionNoticedOnTheLastDay_IsAccepted()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new TermExtended(2, "just in time", D(2021, 11, 30)));

        result.LegalDeadline.Should().Be(D(2021, 12, 14));
    }

    [Fact]
    public void Compute_ExtensionNoticedOnTheAtwMonday_IsAccepted()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 27), new TermExtended(1, "Atw day", D(2021, 12, 27)));

        result.UnadjustedEnd.Should().Be(D(2022, 1, 1));
        result.LegalDeadline.Should().Be(D(2022, 1, 3));
    }

    [Fact]
    public void Compute_SecondExtensionNoticedWithinTheFirst_CountsTheFirstWhenJudgingIt()
    {
        LedgerEvent[] events =
        [
            Received(2021, 11, 2),
            new TermExtended(2, "second", D(2021, 12, 10)),
            new TermExtended(2, "first", D(2021, 11, 29)),
        ];

        var result = Compute(VogNp.Term, events);

        result.ExtensionWeeks.Should().Be(4);
        result.LegalDeadline.Should().Be(D(2021, 12, 28));
        result.AppliedRules.Where(r => r.StartsWith("extended", StringComparison.Ordinal)).Should().Equal(
            "extended by 2 weeks (first), noticed Mon 29 Nov 2021: extensions 4 weeks of at most 4 weeks",
            "extended by 2 weeks (second), noticed Fri 10 Dec 2021: extensions 4 weeks of at most 4 weeks");
    }

    [Fact]
    public void Record_LateExtension_IsRefusedAndTheLedgerIsUnchanged()
    {
        var ledger = DeadlineLedger.Start(Noon(2021, 11, 2));

        var act = () => ledger.Record(new TermExtended(2, "late", D(2021, 12, 1)), VogNp.Term, ShippedCalendar.Calendar);

        act.Should().Throw<DeadlineLedgerException>().WithMessage("*deadline in force then was Tue 30 Nov 2021*");
        ledger.Events.Should().ContainSingle();
    }

    [Fact]
    public void Record_ValidEvents_AddsThemAsASet()
    {
        var suspension = Suspended(D(2021, 11, 5), D(2021, 11, 7));
        var ledger = DeadlineLedger.Start(Noon(2021, 11, 2))
            .Record(suspension, VogNp.Term, ShippedCalendar.Calendar)
            .Record(suspension, VogNp.Term, ShippedCalendar.Calendar);

        ledger.Events.Should().HaveCount(2);
        ledger.Contains(suspension).Should().BeTrue();
        ledger.Compute(VogNp.Term, ShippedCalendar.Calendar).SuspendedDays.Should().Be(3);
    }

    [Fact]
    public void Compute_NoReceipt_IsRefused()
    {
        Refused(VogNp.Term, Decided(2021, 11, 5)).Message.Should().Be("the ledger has no receipt: the clock cannot start");
    }

    [Fact]
    public void Compute_TwoReceipts_AreRefused()
    {
        Refused(VogNp.Term, Received(2021, 11, 2), Received(2021, 11, 3)).Message.Should().Be(
            "a case has one receipt; the ledger holds 2 (Tue 2 Nov 2021, Wed 3 Nov 2021)");
    }

    [Fact]
    public void Compute_DecidedInTime_SaysSo()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Decided(2021, 11, 30));

        result.DecidedOn.Should().Be(D(2021, 11, 30));
        result.DecidedInTime.Should().BeTrue();
        result.AppliedRules.Should().Contain("decided Tue 30 Nov 2021: within the legal deadline");
    }

    [Fact]
    public void Compute_DecidedLate_SaysHowLate()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), Decided(2021, 12, 3));

        result.DecidedInTime.Should().BeFalse();
        result.AppliedRules.Should().Contain("decided Fri 3 Dec 2021: 3 days after the legal deadline");
    }

    [Fact]
    public void Compute_OutageWithIntendedDate_PromisesFourWeeksFromIt()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 25), D(2021, 11, 1)));

        result.ServicePromiseStartsFrom.Should().Be(D(2021, 11, 1));
        result.ServicePromiseDeadline.Should().Be(D(2021, 11, 29));
        result.LegalDeadline.Should().Be(D(2021, 11, 30));
        result.EffectiveDueDate.Should().Be(D(2021, 11, 29));
        result.AppliedRules.Should().Contain(
            "service promise: 4 weeks from the intended submission date Mon 1 Nov 2021 → Mon 29 Nov 2021 "
            + "(no Atw: a promise, not a statutory term)");
        result.AppliedRules.Should().Contain(
            "due Mon 29 Nov 2021: the earlier of the legal deadline (Tue 30 Nov 2021) and the service promise (Mon 29 Nov 2021)");
    }

    [Fact]
    public void Compute_OutageWithoutIntendedDate_PromisesFromTheOutageStart()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 25)));

        result.ServicePromiseDeadline.Should().Be(D(2021, 11, 22));
        result.EffectiveDueDate.Should().Be(D(2021, 11, 22));
    }

    [Fact]
    public void Compute_PromiseEndingOnASaturday_IsNotMovedByTheAtw()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 30)));

        result.ServicePromiseDeadline.Should().Be(D(2021, 11, 27));
    }

    [Fact]
    public void Compute_Suspension_PushesTheServicePromiseToo()
    {
        var result = Compute(
            VogNp.Term,
            Received(2021, 11, 2),
            new OutageAffected(D(2021, 10, 25), D(2021, 11, 1)),
            Suspended(D(2021, 11, 5), D(2021, 11, 7)));

        result.ServicePromiseDeadline.Should().Be(D(2021, 12, 2));
        result.LegalDeadline.Should().Be(D(2021, 12, 3));
        result.EffectiveDueDate.Should().Be(D(2021, 12, 2));
    }

    [Fact]
    public void Compute_ServicePromiseWeeksFromTheDefinition_AreUsed()
    {
        var term = VogNp.Term with { ServicePromiseWeeks = 2 };

        var result = Compute(term, Received(2021, 11, 2), new OutageAffected(D(2021, 10, 25), D(2021, 11, 1)));

        result.ServicePromiseDeadline.Should().Be(D(2021, 11, 15));
    }

    [Fact]
    public void Compute_LaterPromiseThanLegalDeadline_DueIsTheLegalDeadline()
    {
        var result = Compute(VogNp.Term, Received(2021, 11, 2), new OutageAffected(D(2021, 11, 10)));

        result.ServicePromiseDeadline.Should().Be(D(2021, 12, 8));
        result.EffectiveDueDate.Should().Be(D(2021, 11, 30));
    }

    [Fact]
    public void Events_AnyRecordingOrder_AreListedCanonically()
    {
        LedgerEvent[] events =
        [
            Decided(2021, 12, 1),
            Suspended(D(2021, 11, 5), D(2021, 11, 7)),
            Received(2021, 11, 2),
        ];

        var ledger = new DeadlineLedger(events);

        ledger.Events.Should().Equal(events[2], events[1], events[0]);
        new DeadlineLedger(events.Reverse()).Events.Should().Equal(ledger.Events);
    }
}
