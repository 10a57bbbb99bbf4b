using System.CommandLine;
using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Workflows;

namespace BacklogFlow.Cli.Deadlines;

/// <summary>
/// The options of `backlogflow deadline` and how they become a <see cref="DeadlineRequest"/>. Values are
/// read as text and checked by <see cref="DeadlineInput"/>, so that every bad value gets the same one-line
/// answer (what the parser itself cannot read — an unknown option, an option without its value — gets
/// System.CommandLine's usage message and exit code 1, as in every command).
/// </summary>
internal sealed class DeadlineOptions
{
    /// <summary>The reason an extension records when --extend-reason is not given: says so, invents none.</summary>
    public const string DefaultExtensionReason = "no reason given on the command line";

    public Option<string> Product { get; } = new("--product")
    {
        Description = "Product code, as defined in --workflows (vog-np, vog-rp, gva).",
        Required = true,
    };

    public Option<string> Received { get; } = new("--received")
    {
        Description = "Date of receipt, yyyy-MM-dd, taken as received at noon in Europe/Amsterdam that day; "
            + "the term runs from the next day.",
        Required = true,
    };

    public Option<bool> Record { get; } = new("--record")
    {
        Description = "The records check found a record (on the day of receipt): the product's record extension applies.",
    };

    public Option<string[]> Suspend { get; } = new("--suspend")
    {
        Description = $"A suspension (Awb 4:15), repeatable: {DeadlineInput.SuspensionSyntax}, days inclusive. REASON: "
            + $"{string.Join(", ", YamlSpellings.SuspensionReasons)} (default {YamlSpellings.Of(SuspensionReason.RequestToComplete)}). "
            + "NOTICE: the date the applicant was told, required for force-majeure "
            + "(e.g. 2021-11-10..2021-11-20:force-majeure@2021-11-09).",
    };

    public Option<string?> ExtendWeeks { get; } = new("--extend-weeks")
    {
        Description = "Extend the term (verdaging, Awb 4:14) by N weeks; the definition caps the total.",
    };

    public Option<string?> ExtendReason { get; } = new("--extend-reason")
    {
        Description = $"The reason for --extend-weeks (default \"{DefaultExtensionReason}\").",
    };

    public Option<string?> ExtendNotice { get; } = new("--extend-notice")
    {
        Description = "yyyy-MM-dd the extension was noticed to the applicant (default: the date of receipt, always in time); "
            + "a notice after the deadline in force on that date is refused.",
    };

    public Option<string?> Intended { get; } = new("--intended")
    {
        Description = "yyyy-MM-dd the applicant wanted to apply: the case is outage-affected and gets the service promise "
            + "from that date (the outage start is taken to be the same date, which changes nothing).",
    };

    public Option<string?> Notice { get; } = new("--notice")
    {
        Description = "yyyy-MM-dd a written notice of default was received (Awb 4:17); only one received after the legal deadline counts.",
    };

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "yyyy-MM-dd to count the penalty exposure up to (default: all of it, as if no decision comes).",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object (dates as yyyy-MM-dd) instead of text.",
    };

    public Option<string?> Workflows { get; } = new("--workflows")
    {
        Description = "Folder with the *.workflow.yaml definitions and calendars/ (default: the copy beside the binary).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] all = [Product, Received, Record, Suspend, ExtendWeeks, ExtendReason, ExtendNotice, Intended, Notice, AsOf, Json, Workflows];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    public string WorkflowsDirectory(ParseResult result) => result.GetValue(Workflows) ?? new WorkflowOptions().Directory;

    /// <summary>The request the options describe; a <see cref="DeadlineInputException"/> when a value cannot be read.</summary>
    public DeadlineRequest Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var receivedOn = DeadlineInput.Date("--received", result.GetRequiredValue(Received));
        return new DeadlineRequest
        {
            Product = result.GetRequiredValue(Product),
            ReceivedOn = receivedOn,
            RecordFound = result.GetValue(Record),
            Suspensions = [.. (result.GetValue(Suspend) ?? []).Select(DeadlineInput.Suspension)],
            Extension = Extension(result, receivedOn),
            IntendedSubmissionDate = DeadlineInput.OptionalDate("--intended", result.GetValue(Intended)),
            DefaultNoticeReceivedOn = DeadlineInput.OptionalDate("--notice", result.GetValue(Notice)),
            AsOf = DeadlineInput.OptionalDate("--as-of", result.GetValue(AsOf)),
        };
    }

    private TermExtended? Extension(ParseResult result, DateOnly receivedOn)
    {
        var reason = result.GetValue(ExtendReason);
        var notice = DeadlineInput.OptionalDate("--extend-notice", result.GetValue(ExtendNotice));
        if (result.GetValue(ExtendWeeks) is not { } weeks)
        {
            return reason is null && notice is null
                ? null
                : throw new DeadlineInputException("--extend-reason and --extend-notice go with --extend-weeks");
        }

        return new TermExtended(DeadlineInput.Weeks("--extend-weeks", weeks), reason ?? DefaultExtensionReason, notice ?? receivedOn);
    }
}
