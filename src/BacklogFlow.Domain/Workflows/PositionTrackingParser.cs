using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// A YamlDotNet parser that remembers where the last event ended. Some malformed input (an unclosed
/// flow collection followed by more lines) makes YamlDotNet's scanner fail with a bare
/// <see cref="InvalidOperationException"/> that carries no position; this gives one anyway.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last successfully parsed event ended (1:1 before any).</summary>
    public Mark LastGoodPosition { get; private set; } = new(0, 1, 1);

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (moved && inner.Current is { } current)
        {
            LastGoodPosition = current.End;
        }

        return moved;
    }
}
