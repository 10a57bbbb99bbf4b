using BacklogFlow.Domain.Deadlines;
using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Screening;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// Reads workflow definitions (<c>workflows/&lt;product&gt;.workflow.yaml</c>) strictly: unknown keys,
/// wrong types, missing keys, bad spellings and broken cross-references are all errors, reported as a
/// <see cref="WorkflowDefinitionException"/> at the line and column of the offending node. The first
/// problem found is reported. The format is documented in workflows/README.md.
/// </summary>
public static class WorkflowDefinitionLoader
{
    /// <summary>Every workflow file's name ends with this; the part before it is the product code.</summary>
    public const string FileSuffix = ".workflow.yaml";

    private static readonly string[] _topLevelKeys =
        ["product", "name", "term", "review", "automaticDecisions", "mandatory", "queues", "routing", "priorityClasses", "deadlineWarnings"];

    private static readonly string[] _termKeys =
        ["weeks", "recordExtensionWeeks", "maxExtensionWeeks", "legalBasis", "atwMaxTermDays", "servicePromiseWeeks"];
    private static readonly string[] _reviewKeys = ["hearingPeriodDays", "maxInformationPeriodDays"];
    private static readonly string[] _mandatoryKeys = ["sectors", "profiles", "notMandatorySectors"];
    private static readonly string[] _queueKeys = ["name", "weight", "description"];
    private static readonly string[] _routingRuleKeys = ["queue", "when"];
    private static readonly string[] _conditionKeys = ["screening", "mandatory", "sectors", "profiles", "channels"];
    private static readonly string[] _priorityClassKeys = ["name", "escalationOnly", "when"];
    private static readonly string[] _deadlineWarningKeys = ["name", "daysLeft", "escalateTo"];

    /// <summary>
    /// Parses and validates one definition. <paramref name="fileName"/> is used in messages; when it
    /// names a <c>*.workflow.yaml</c> file, the product must match the name before the suffix.
    /// </summary>
    public static WorkflowDefinition LoadText(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return Parse(yaml, fileName).Definition;
    }

    /// <summary>Loads one file; messages name the path as given.</summary>
    public static WorkflowDefinition LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return LoadText(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Loads every <c>*.workflow.yaml</c> directly in <paramref name="directory"/> (not in subfolders,
    /// which hold calendars and scenarios). Queue names must be unique across all the files.
    /// </summary>
    public static WorkflowCatalog LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = Directory
            .GetFiles(directory, "*" + FileSuffix, SearchOption.TopDirectoryOnly)
            .Where(f => Path.GetFileName(f).EndsWith(FileSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new WorkflowDefinitionException(
                directory, 0, 0, $"no workflow definitions (*{FileSuffix}) in this directory");
        }

        var definitions = new List<WorkflowDefinition>();
        var queueOwners = new Dictionary<string, (string File, Mark Position)>(StringComparer.Ordinal);
        var productOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var parsed = Parse(File.ReadAllText(file), file);
            var definition = parsed.Definition;
            if (!productOwners.TryAdd(definition.Product, file))
            {
                throw new WorkflowDefinitionException(
                    file, parsed.ProductPosition.Line, parsed.ProductPosition.Column,
                    $"product '{definition.Product}' is also defined in {productOwners[definition.Product]}");
            }

            foreach (var (queue, position) in parsed.QueuePositions)
            {
                if (queueOwners.TryGetValue(queue, out var owner))
                {
                    throw new WorkflowDefinitionException(
                        file, position.Line, position.Column,
                        $"queue '{queue}' is also declared in {owner.File} (line {owner.Position.Line}); "
                        + "queue names must be unique across all products");
                }

                queueOwners.Add(queue, (file, position));
            }

            definitions.Add(definition);
        }

        return new WorkflowCatalog(definitions, LoadCalendar(directory));
    }

    /// <summary>The Atw holiday calendar every term is counted with: calendars/nl-atw.calendar.yaml.</summary>
    public const string CalendarFile = "calendars/nl-atw" + HolidayCalendarLoader.FileSuffix;

    private static HolidayCalendar LoadCalendar(string directory)
    {
        var path = Path.Combine(directory, CalendarFile);
        return File.Exists(path)
            ? HolidayCalendarLoader.LoadFile(path)
            : throw new WorkflowDefinitionException(path, 0, 0,
                "the holiday calendar is missing: every statutory term is counted with it (Algemene termijnenwet)");
    }

    private static ParsedDefinition Parse(string yaml, string fileName)
    {
        var reader = new YamlNodeReader(fileName);
        var top = reader.Mapping(
            reader.ReadSingleDocument(yaml, "a workflow definition", "a workflow file"), "workflow definition", "", _topLevelKeys);

        var productNode = top.Required("product");
        var product = reader.Code(productNode, "product");
        RequireProductMatchesFileName(reader, productNode, product);
        var name = reader.Text(top.Required("name"), "name");
        var term = ReadTerm(reader, top);
        var review = ReadReview(reader, top);
        var automaticDecisions = ReadAutomaticDecisions(reader, top);
        var mandatory = ReadMandatory(reader, top);
        var (queues, queuePositions) = ReadQueues(reader, top);
        var routing = ReadRouting(reader, top, queues);
        var priorityClasses = ReadPriorityClasses(reader, top);
        var deadlineWarnings = ReadDeadlineWarnings(reader, top, priorityClasses);

        var definition = new WorkflowDefinition
        {
            Product = product,
            Name = name,
            Term = term,
            Review = review,
            AutomaticDecisions = automaticDecisions,
            Mandatory = mandatory,
            Queues = queues,
            Routing = routing,
            PriorityClasses = priorityClasses,
            DeadlineWarnings = deadlineWarnings,
            SourceFile = fileName,
        };
        return new ParsedDefinition(definition, productNode.Start, queuePositions);
    }

    private static void RequireProductMatchesFileName(YamlNodeReader reader, YamlNode productNode, string product)
    {
        var fileName = Path.GetFileName(reader.File);
        if (!fileName.EndsWith(FileSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var expected = fileName[..^FileSuffix.Length];
        if (!string.Equals(expected, product, StringComparison.Ordinal))
        {
            throw reader.Error(
                productNode,
                $"product '{product}' does not match the file name '{fileName}'; "
                + $"a definition of '{product}' must be in '{product}{FileSuffix}'");
        }
    }

    private static StatutoryTerm ReadTerm(YamlNodeReader reader, YamlMappingReader top)
    {
        var term = reader.Mapping(top.Required("term"), "term", "term", _termKeys);
        return new StatutoryTerm(
            reader.Integer(term.Required("weeks"), term.PathOf("weeks"), 1, 52),
            reader.Integer(term.Required("recordExtensionWeeks"), term.PathOf("recordExtensionWeeks"), 0, 52),
            reader.Integer(term.Required("maxExtensionWeeks"), term.PathOf("maxExtensionWeeks"), 0, 52),
            reader.Text(term.Required("legalBasis"), term.PathOf("legalBasis")).Trim())
        {
            AtwMaxTermDays = OptionalInteger(reader, term, "atwMaxTermDays", 0, 366, StatutoryTerm.DefaultAtwMaxTermDays),
            ServicePromiseWeeks = OptionalInteger(reader, term, "servicePromiseWeeks", 1, 52, StatutoryTerm.DefaultServicePromiseWeeks),
        };
    }

    private static ReviewRules ReadReview(YamlNodeReader reader, YamlMappingReader top)
    {
        if (top.Optional("review") is not { } node)
        {
            return ReviewRules.Default;
        }

        var review = reader.Mapping(node, "review", "review", _reviewKeys);
        return new ReviewRules
        {
            HearingPeriodDays = OptionalInteger(reader, review, "hearingPeriodDays", 1, 90, ReviewRules.DefaultHearingPeriodDays),
            MaxInformationPeriodDays = OptionalInteger(reader, review, "maxInformationPeriodDays", 1, 90, ReviewRules.DefaultMaxInformationPeriodDays),
        };
    }

    private static int OptionalInteger(YamlNodeReader reader, YamlMappingReader mapping, string key, int min, int max, int defaultValue) =>
        mapping.Optional(key) is { } node ? reader.Integer(node, mapping.PathOf(key), min, max) : defaultValue;

    private static Dictionary<ScreeningResult, DecisionOutcome> ReadAutomaticDecisions(
        YamlNodeReader reader, YamlMappingReader top)
    {
        var node = top.Required("automaticDecisions");
        var decisions = new Dictionary<ScreeningResult, DecisionOutcome>();
        var mapping = reader.OptionalMapping(
            node, "automaticDecisions", "automaticDecisions", [.. YamlSpellings.ScreeningResults]);
        if (mapping is null)
        {
            return decisions;
        }

        foreach (var spelling in YamlSpellings.ScreeningResults.Where(mapping.Has))
        {
            YamlSpellings.TryParse(spelling, out ScreeningResult result);
            var outcomeNode = mapping.Required(spelling);
            var outcome = reader.Spelling<DecisionOutcome>(
                outcomeNode, mapping.PathOf(spelling), YamlSpellings.Outcomes, YamlSpellings.TryParse);
            if (outcome != DecisionOutcome.Issue)
            {
                throw reader.Error(
                    outcomeNode,
                    $"'{YamlSpellings.Of(outcome)}' cannot be decided automatically: only 'issue' can; "
                    + "a refusal needs a reviewer and a second reviewer, and a withdrawal is the applicant's act");
            }

            decisions.Add(result, outcome);
        }

        return decisions;
    }

    private static MandatoryRules ReadMandatory(YamlNodeReader reader, YamlMappingReader top)
    {
        var mandatory = reader.Mapping(top.Required("mandatory"), "mandatory", "mandatory", _mandatoryKeys);
        var sectors = reader.Codes(mandatory.Required("sectors"), mandatory.PathOf("sectors"), allowEmpty: true);
        var profiles = mandatory.Optional("profiles") is { } profilesNode
            ? reader.Codes(profilesNode, mandatory.PathOf("profiles"), allowEmpty: true)
            : [];
        var notMandatory = reader.Codes(
            mandatory.Required("notMandatorySectors"), mandatory.PathOf("notMandatorySectors"), allowEmpty: true);

        foreach (var (sector, node) in notMandatory)
        {
            var clash = sectors.FirstOrDefault(s => s.Key == sector);
            if (clash.Value is not null)
            {
                throw reader.Error(
                    node,
                    $"sector '{sector}' cannot be both mandatory (line {clash.Value.Start.Line}) and not mandatory");
            }
        }

        return new MandatoryRules(
            CodeSet(sectors), CodeSet(profiles), CodeSet(notMandatory));
    }

    private static (List<ReviewQueue> Queues, List<KeyValuePair<string, Mark>> Positions) ReadQueues(
        YamlNodeReader reader, YamlMappingReader top)
    {
        var sequence = reader.NonEmptySequence(top.Required("queues"), "queues");
        var queues = new List<ReviewQueue>();
        var positions = new List<KeyValuePair<string, Mark>>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var queue = reader.Mapping(sequence.Children[i], "queue", $"queues[{i}]", _queueKeys);
            var nameNode = queue.Required("name");
            var name = reader.Code(nameNode, queue.PathOf("name"));
            var earlier = positions.FindIndex(p => p.Key == name);
            if (earlier >= 0)
            {
                throw reader.Error(nameNode, $"queue '{name}' is declared twice (first at line {positions[earlier].Value.Line})");
            }

            var weight = reader.Integer(queue.Required("weight"), queue.PathOf("weight"), 1, int.MaxValue);
            var description = queue.Optional("description") is { } descriptionNode
                ? reader.OptionalText(descriptionNode, queue.PathOf("description"))
                : "";
            queues.Add(new ReviewQueue(name, weight, description));
            positions.Add(new KeyValuePair<string, Mark>(name, nameNode.Start));
        }

        return (queues, positions);
    }

    private static List<RoutingRule> ReadRouting(YamlNodeReader reader, YamlMappingReader top, List<ReviewQueue> queues)
    {
        var sequence = reader.NonEmptySequence(top.Required("routing"), "routing");
        var rules = new List<RoutingRule>();
        YamlMappingReader? catchAll = null;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var rule = reader.Mapping(sequence.Children[i], "routing rule", $"routing[{i}]", _routingRuleKeys);
            if (catchAll is not null)
            {
                throw reader.Error(
                    catchAll.Node,
                    $"routing rule at line {catchAll.Node.Start.Line} has no 'when' (a catch-all) but is not the last rule; "
                    + $"the rule at line {rule.Node.Start.Line} could never match");
            }

            var queueNode = rule.Required("queue");
            var queue = reader.Code(queueNode, rule.PathOf("queue"));
            if (!queues.Any(q => q.Name == queue))
            {
                throw reader.Error(
                    queueNode,
                    $"routing rule sends cases to queue '{queue}', which is not declared in 'queues' "
                    + $"(declared: {string.Join(", ", queues.Select(q => q.Name))})");
            }

            var when = ReadCondition(reader, rule);
            if (when.IsCatchAll)
            {
                catchAll = rule;
            }

            rules.Add(new RoutingRule(queue, when, checked((int)rule.Node.Start.Line)));
        }

        if (catchAll is null)
        {
            var last = sequence.Children[^1];
            throw reader.Error(
                last,
                "the last routing rule must be a catch-all (no 'when'), so that every case has a queue");
        }

        return rules;
    }

    private static List<PriorityClass> ReadPriorityClasses(YamlNodeReader reader, YamlMappingReader top)
    {
        var sequence = reader.NonEmptySequence(top.Required("priorityClasses"), "priorityClasses");
        var classes = new List<PriorityClass>();
        var nameLines = new List<KeyValuePair<string, long>>();
        YamlMappingReader? catchAll = null;
        YamlMappingReader? lastAssignable = null;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = reader.Mapping(sequence.Children[i], "priority class", $"priorityClasses[{i}]", _priorityClassKeys);
            var nameNode = entry.Required("name");
            var name = reader.Code(nameNode, entry.PathOf("name"));
            var earlier = nameLines.FindIndex(p => p.Key == name);
            if (earlier >= 0)
            {
                throw reader.Error(nameNode, $"priority class '{name}' is declared twice (first at line {nameLines[earlier].Value})");
            }

            nameLines.Add(new KeyValuePair<string, long>(name, nameNode.Start.Line));
            var escalationOnly = entry.Optional("escalationOnly") is { } flagNode
                && reader.Boolean(flagNode, entry.PathOf("escalationOnly"));
            if (escalationOnly && entry.Has("when"))
            {
                throw reader.Error(
                    entry.KeyNode("when"),
                    $"priority class '{name}' is escalationOnly: it is never assigned at intake, so it cannot have a 'when'");
            }

            var when = ReadCondition(reader, entry);
            if (!escalationOnly)
            {
                if (catchAll is not null)
                {
                    throw reader.Error(
                        catchAll.Node,
                        $"priority class at line {catchAll.Node.Start.Line} has no 'when' (a catch-all) but is not the last class "
                        + $"assigned at intake; class '{name}' at line {entry.Node.Start.Line} could never be assigned");
                }

                if (when.IsCatchAll)
                {
                    catchAll = entry;
                }

                lastAssignable = entry;
            }

            classes.Add(new PriorityClass(name, i, when) { EscalationOnly = escalationOnly });
        }

        if (lastAssignable is null)
        {
            throw reader.Error(
                sequence, "at least one priority class must be assignable at intake (not escalationOnly)");
        }

        if (catchAll is null)
        {
            throw reader.Error(
                lastAssignable.Node,
                "the last priority class that is not escalationOnly must be a catch-all (no 'when'), "
                + "so that every case gets a class");
        }

        return classes;
    }

    private static List<DeadlineWarning> ReadDeadlineWarnings(
        YamlNodeReader reader, YamlMappingReader top, List<PriorityClass> priorityClasses)
    {
        var sequence = reader.Sequence(top.Required("deadlineWarnings"), "deadlineWarnings");
        var warnings = new List<DeadlineWarning>();
        var nameLines = new List<KeyValuePair<string, long>>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = reader.Mapping(sequence.Children[i], "deadline warning", $"deadlineWarnings[{i}]", _deadlineWarningKeys);
            var nameNode = entry.Required("name");
            var name = reader.Code(nameNode, entry.PathOf("name"));
            var earlier = nameLines.FindIndex(p => p.Key == name);
            if (earlier >= 0)
            {
                throw reader.Error(nameNode, $"deadline warning '{name}' is declared twice (first at line {nameLines[earlier].Value})");
            }

            nameLines.Add(new KeyValuePair<string, long>(name, nameNode.Start.Line));
            var daysLeftNode = entry.Required("daysLeft");
            var daysLeft = reader.Integer(daysLeftNode, entry.PathOf("daysLeft"), 0, int.MaxValue);
            if (warnings.Count > 0 && daysLeft >= warnings[^1].DaysLeft)
            {
                var previous = warnings[^1];
                throw reader.Error(
                    daysLeftNode,
                    $"deadline warnings must have strictly decreasing daysLeft: '{name}' has {daysLeft}, "
                    + $"but the warning before it ('{previous.Name}') has {previous.DaysLeft}");
            }

            string? escalateTo = null;
            if (entry.Optional("escalateTo") is { } escalateNode)
            {
                escalateTo = reader.Code(escalateNode, entry.PathOf("escalateTo"));
                if (!priorityClasses.Any(c => c.Name == escalateTo))
                {
                    throw reader.Error(
                        escalateNode,
                        $"deadline warning '{name}' escalates to priority class '{escalateTo}', which is not declared in "
                        + $"'priorityClasses' (declared: {string.Join(", ", priorityClasses.Select(c => c.Name))})");
                }
            }

            warnings.Add(new DeadlineWarning(name, daysLeft, escalateTo));
        }

        return warnings;
    }

    /// <summary>The optional <c>when</c> of a rule or class; missing, empty or <c>{}</c> is a catch-all.</summary>
    private static RuleCondition ReadCondition(YamlNodeReader reader, YamlMappingReader owner)
    {
        var node = owner.Optional("when");
        var when = node is null ? null : reader.OptionalMapping(node, "when", owner.PathOf("when"), _conditionKeys);
        if (when is null)
        {
            return RuleCondition.Always;
        }

        return new RuleCondition
        {
            Screening = when.Optional("screening") is { } screening
                ? reader.Spelling<ScreeningResult>(screening, when.PathOf("screening"), YamlSpellings.ScreeningResults, YamlSpellings.TryParse)
                : null,
            Mandatory = when.Optional("mandatory") is { } mandatory
                ? reader.SpellingSet<MandatoryStatus>(mandatory, when.PathOf("mandatory"), YamlSpellings.MandatoryStatuses, YamlSpellings.TryParse)
                : null,
            Sectors = OptionalCodeSet(reader, when, "sectors"),
            Profiles = OptionalCodeSet(reader, when, "profiles"),
            Channels = ReadChannels(reader, when),
        };
    }

    /// <summary>Channels are a closed set (<see cref="Channels"/>): a misspelled one would silently never match.</summary>
    private static HashSet<string>? ReadChannels(YamlNodeReader reader, YamlMappingReader when)
    {
        if (when.Optional("channels") is not { } node)
        {
            return null;
        }

        var channels = reader.Codes(node, when.PathOf("channels"), allowEmpty: false);
        foreach (var (channel, channelNode) in channels)
        {
            if (!Channels.All.Contains(channel))
            {
                throw reader.Error(
                    channelNode,
                    $"unknown channel '{channel}'; expected one of: {string.Join(", ", Channels.All.Order(StringComparer.Ordinal))}");
            }
        }

        return CodeSet(channels);
    }

    private static HashSet<string>? OptionalCodeSet(YamlNodeReader reader, YamlMappingReader when, string key) =>
        when.Optional(key) is { } node ? CodeSet(reader.Codes(node, when.PathOf(key), allowEmpty: false)) : null;

    private static HashSet<string> CodeSet(IReadOnlyList<KeyValuePair<string, YamlNode>> codes) =>
        new(codes.Select(c => c.Key), StringComparer.Ordinal);

    private sealed record ParsedDefinition(
        WorkflowDefinition Definition, Mark ProductPosition, IReadOnlyList<KeyValuePair<string, Mark>> QueuePositions);
}
