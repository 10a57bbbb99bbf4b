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
            Expect(problems, "duplicates ignored", spec.DuplicateCount, account.DuplicatesIgnored);
            Expect(problems, $"quarantined ({string.Join(", ", account.QuarantinedByReason.Select(r => $"{r.Key} {r.Value}"))})",
                spec.InvalidCount + spec.ConflictCount, account.Quarantined);
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
