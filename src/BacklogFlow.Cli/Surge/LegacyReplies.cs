using System.Collections.Concurrent;
using BacklogFlow.Contracts;
using MassTransit;

namespace BacklogFlow.Cli.Surge;

/// <summary>
/// The legacy system's side of the return path: what it received back for one source system. A
/// decision is counted once per case however often it arrives, and repeats are counted apart, so
/// the account shows that nothing came back twice.
/// </summary>
internal sealed class LegacyReplies(string sourceSystem)
{
    private readonly ConcurrentDictionary<Guid, int> _decisions = new();
    private readonly ConcurrentDictionary<Guid, int> _rejections = new();

    public int Decided => _decisions.Count;
    public int DecisionRepeats => _decisions.Values.Sum() - _decisions.Count;
    public int Rejected => _rejections.Count;
    public int RejectionRepeats => _rejections.Values.Sum() - _rejections.Count;

    public void Record(ApplicationDecided decided)
    {
        if (decided.SourceSystem == sourceSystem)
        {
            _decisions.AddOrUpdate(decided.CaseId, 1, (_, n) => n + 1);
        }
    }

    public void Record(ApplicationRejected rejected)
    {
        if (rejected.SourceSystem == sourceSystem)
        {
            _rejections.AddOrUpdate(rejected.QuarantineId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Receives decisions on the bus, as the legacy system's own consumer would.</summary>
    public sealed class DecidedConsumer(LegacyReplies replies) : IConsumer<ApplicationDecided>
    {
        public Task Consume(ConsumeContext<ApplicationDecided> context)
        {
            replies.Record(context.Message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Receives rejections on the bus.</summary>
    public sealed class RejectedConsumer(LegacyReplies replies) : IConsumer<ApplicationRejected>
    {
        public Task Consume(ConsumeContext<ApplicationRejected> context)
        {
            replies.Record(context.Message);
            return Task.CompletedTask;
        }
    }
}
