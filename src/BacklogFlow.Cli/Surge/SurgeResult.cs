using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Engine.Reporting;
using BacklogFlow.Engine.Simulation;

namespace BacklogFlow.Cli.Surge;

/// <summary>The account of one surge run: what was sent, what the engine did with it, what came back.</summary>
internal sealed record SurgeResult(
    SurgeSpecification Specification,
    BacklogAccount Account,
    int DecisionsReceived,
    int DecisionRepeats,
    int RejectionsReceived,
    int RejectionRepeats,
    TimeSpan Elapsed,
    bool TimedOut)
{
    /// <summary>
    /// Whether messages were taken in in the order they were sent (true for one engine process that
    /// keeps running). When a process is killed or the broker restarts, the messages it held come
    /// back after later ones; if a conflicting variant is then taken in before its original, it
    /// becomes the case (the first one taken in wins) and the original and its exact resends are
    /// quarantined as conflicting rather than ignored. Then only their sum is checked, not the split.
    /// </summary>
    public bool DeliveryOrderKept { get; init; } = true;

    /// <summary>Messages sent that the engine has not accounted for (not accepted, counted or quarantined).</summary>
    public int UnaccountedMessages => Specification.MessageCount - Account.MessagesAccountedFor;

    /// <summary>Every check that failed, in words; empty when everything is accounted for.</summary>
    public IReadOnlyList<string> Discrepancies
    {
        get
        {
            var problems = new List<string>();
            var spec = Specification;
            var account = Account;
            Expect(problems, "messages accounted for", spec.MessageCount, account.MessagesAccountedFor);
            Expect(problems, "applications accepted", spec.ValidCount, account.Accepted);
            var quarantined = $"quarantined ({string.Join(", ", account.QuarantinedByReason.Select(r => $"{r.Key} {r.Value}"))})";
            if (DeliveryOrderKept)
            {
                Expect(problems, "duplicates ignored", spec.DuplicateCount, account.DuplicatesIgnored);
                Expect(problems, quarantined, spec.InvalidCount + spec.ConflictCount, account.Quarantined);
            }
            else
            {
                var conflicting = account.QuarantinedByReason.GetValueOrDefault(QuarantineReasons.ConflictingDuplicate);
                Expect(problems, "resends ignored as duplicates or quarantined as conflicting",
                    spec.DuplicateCount + spec.ConflictCount, account.DuplicatesIgnored + conflicting);
                Expect(problems, $"{quarantined}, other than as conflicting", spec.InvalidCount, account.Quarantined - conflicting);
            }

            Expect(problems, "accepted cases neither decided nor waiting", 0, account.CasesInLimbo);
            Expect(problems, "decisions received by the legacy system", account.DecidedAutomatically + account.DecidedAfterReview, DecisionsReceived);
            Expect(problems, "rejections received by the legacy system", account.Rejected, RejectionsReceived);
            Expect(problems, "messages whose processing failed (quarantined for replay)", 0, account.ProcessingFailed);

            // Repeats are not counted against the account: delivery back to the legacy system is at
            // least once (an engine process killed between publish and commit publishes again), and
            // the legacy side de-duplicates by case id. They are reported in the account.
            if (TimedOut)
            {
                problems.Add("timed out before everything was accounted for");
            }

            return problems;
        }
    }

    public bool AllAccountedFor => Discrepancies.Count == 0;

    private static void Expect(List<string> problems, string what, int expected, int actual)
    {
        if (expected != actual)
        {
            problems.Add($"{what}: expected {expected}, found {actual}");
        }
    }
}
