using BacklogFlow.Domain.Cases;
using BacklogFlow.Domain.Outages;
using BacklogFlow.Domain.Workflows;
using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Planning;

/// <summary>
/// Reads a planner scenario (<c>workflows/scenarios/&lt;code&gt;.yaml</c>) strictly, with the reader the
/// workflow definitions use: unknown keys, wrong types, values out of range, shares that do not add up,
/// unknown products and sectors the definitions do not know are errors, reported as a
/// <see cref="WorkflowDefinitionException"/> at the line and column of the offending node.
/// </summary>
public static class ScenarioLoader
{
    public const string FileSuffix = ".yaml";

    private const double ShareTolerance = 0.001;
    private const string UnknownSector = "unknown";

    private static readonly string[] _topKeys =
        ["scenario", "name", "description", "start", "days", "seed", "arrivals", "outage", "pentUp", "automatic", "reviewers", "penalty", "clearedAtOrBelow"];
    private static readonly string[] _arrivalKeys = ["perWorkingDay", "nonWorkingDayFactor", "products"];
    private static readonly string[] _productKeys = ["product", "share", "recordShare", "sectors"];
    private static readonly string[] _sectorKeys = ["sector", "share"];
    private static readonly string[] _outageKeys = ["start", "end", "catchUpDays", "reviewsDuringOutage", "description"];
    private static readonly string[] _pentUpKeys = ["applications", "overDays"];
    private static readonly string[] _automaticKeys = ["perDay", "recoveryPerDay"];
    private static readonly string[] _reviewerKeys = ["count", "reviewsPerHour", "hoursPerDay", "overtime"];
    private static readonly string[] _overtimeKeys = ["from", "until", "hoursPerWorkingDay", "saturdayHours"];
    private static readonly string[] _penaltyKeys = ["noticeShare", "noticeAfterDays"];

    /// <summary>Loads one file; messages name the path as given.</summary>
    public static Scenario LoadFile(string path, WorkflowCatalog catalog)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path)
            ? LoadText(File.ReadAllText(path), path, catalog)
            : throw new WorkflowDefinitionException(path, 0, 0, "no such scenario file");
    }

    /// <summary>Parses and validates a scenario against the products and sectors of <paramref name="catalog"/>.</summary>
    public static Scenario LoadText(string yaml, string fileName, WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(catalog);
        var reader = new YamlNodeReader(fileName);
        var top = reader.Mapping(reader.ReadSingleDocument(yaml, "a planner scenario", "a scenario file"), "scenario", "", _topKeys);
        var codeNode = top.Required("scenario");
        var code = reader.Code(codeNode, "scenario");
        var name = Path.GetFileName(fileName);
        if (name.EndsWith(FileSuffix, StringComparison.Ordinal) && name[..^FileSuffix.Length] != code)
        {
            throw reader.Error(codeNode, $"scenario '{code}' does not match the file name '{name}'; it must be in '{code}{FileSuffix}'");
        }

        var start = reader.Date(top.Required("start"), "start");
        var days = reader.Integer(top.Required("days"), "days", 1, 3660);
        var outage = ReadOutage(reader, top, catalog, start, days, out var reviewsDuringOutage);
        var pentUp = ReadPentUp(reader, top, outage);
        return new Scenario
        {
            Code = code,
            Name = reader.Text(top.Required("name"), "name"),
            Description = top.Optional("description") is { } description ? reader.OptionalText(description, "description").Trim() : "",
            Start = start,
            Days = days,
            Seed = top.Optional("seed") is { } seed ? reader.Integer(seed, "seed", 0, int.MaxValue) : 1,
            Arrivals = ReadArrivals(reader, top, catalog),
            Outage = outage,
            ReviewsDuringOutage = reviewsDuringOutage,
            PentUp = pentUp,
            Automatic = ReadAutomatic(reader, top),
            Reviewers = ReadReviewers(reader, top),
            Penalty = ReadPenalty(reader, top),
            ClearedAtOrBelow = reader.Integer(top.Required("clearedAtOrBelow"), "clearedAtOrBelow", 0, int.MaxValue),
            SourceFile = fileName,
        };
    }

    private static ArrivalPattern ReadArrivals(YamlNodeReader reader, YamlMappingReader top, WorkflowCatalog catalog)
    {
        var arrivals = reader.Mapping(top.Required("arrivals"), "arrivals", "arrivals", _arrivalKeys);
        var perDay = reader.Number(arrivals.Required("perWorkingDay"), arrivals.PathOf("perWorkingDay"), 0, 10_000_000);
        var factor = arrivals.Optional("nonWorkingDayFactor") is { } f ? reader.Number(f, arrivals.PathOf("nonWorkingDayFactor"), 0, 10) : 1.0;
        var sequence = reader.NonEmptySequence(arrivals.Required("products"), arrivals.PathOf("products"));
        var products = new List<ProductMix>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{arrivals.PathOf("products")}[{i}]";
            var entry = reader.Mapping(sequence.Children[i], "product mix", path, _productKeys);
            var productNode = entry.Required("product");
            var product = reader.Code(productNode, entry.PathOf("product"));
            if (!catalog.TryGet(product, out var definition))
            {
                throw reader.Error(productNode, $"unknown product '{product}'; the definitions have: {string.Join(", ", catalog.Products.Order(StringComparer.Ordinal))}");
            }

            if (products.Any(p => p.Product == product))
            {
                throw reader.Error(productNode, $"product '{product}' is listed twice in '{arrivals.PathOf("products")}'");
            }

            products.Add(new ProductMix(
                product,
                reader.Number(entry.Required("share"), entry.PathOf("share"), 0, 1),
                reader.Number(entry.Required("recordShare"), entry.PathOf("recordShare"), 0, 1),
                ReadSectors(reader, entry, definition)));
        }

        RequireSharesAddUp(reader, sequence, arrivals.PathOf("products"), products.Sum(p => p.Share));
        return new ArrivalPattern(perDay, factor, products);
    }

    private static List<SectorShare> ReadSectors(YamlNodeReader reader, YamlMappingReader entry, WorkflowDefinition definition)
    {
        var sequence = reader.NonEmptySequence(entry.Required("sectors"), entry.PathOf("sectors"));
        var sectors = new List<SectorShare>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = reader.Mapping(sequence.Children[i], "sector share", $"{entry.PathOf("sectors")}[{i}]", _sectorKeys);
            var sectorNode = item.Required("sector");
            var code = reader.Code(sectorNode, item.PathOf("sector"));
            var sector = code == UnknownSector ? null : code;
            if (sector is not null && definition.Mandatory.Classify(sector, null) == MandatoryStatus.Unknown)
            {
                throw reader.Error(
                    sectorNode,
                    $"sector '{code}' is in neither the mandatory nor the not-mandatory sectors of {definition.Product}; "
                    + $"write '{UnknownSector}' for applicants who give no sector the definition knows");
            }

            if (sectors.Any(s => s.Sector == sector))
            {
                throw reader.Error(sectorNode, $"sector '{code}' is listed twice in '{entry.PathOf("sectors")}'");
            }

            sectors.Add(new SectorShare(sector, reader.Number(item.Required("share"), item.PathOf("share"), 0, 1)));
        }

        RequireSharesAddUp(reader, sequence, entry.PathOf("sectors"), sectors.Sum(s => s.Share));
        return sectors;
    }

    private static void RequireSharesAddUp(YamlNodeReader reader, YamlNode node, string path, double sum)
    {
        if (Math.Abs(sum - 1.0) > ShareTolerance)
        {
            throw reader.Error(node, $"the shares in '{path}' add up to {sum:0.###}, not 1");
        }
    }

    private static OutageWindow? ReadOutage(
        YamlNodeReader reader, YamlMappingReader top, WorkflowCatalog catalog, DateOnly start, int days, out bool reviewsDuringOutage)
    {
        reviewsDuringOutage = false;
        if (top.Optional("outage") is not { } node || YamlNodeReader.IsNull(node))
        {
            return null;
        }

        var outage = reader.Mapping(node, "outage", "outage", _outageKeys);
        var from = reader.Date(outage.Required("start"), outage.PathOf("start"));
        var endNode = outage.Required("end");
        var to = reader.Date(endNode, outage.PathOf("end"));
        if (to < from)
        {
            throw reader.Error(endNode, $"the outage cannot end ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        }

        if (from < start || to > start.AddDays(days - 1))
        {
            throw reader.Error(node, $"the outage ({from:yyyy-MM-dd}..{to:yyyy-MM-dd}) must lie within the simulated days ({start:yyyy-MM-dd}..{start.AddDays(days - 1):yyyy-MM-dd})");
        }

        var catchUp = outage.Optional("catchUpDays") is { } c ? reader.Integer(c, outage.PathOf("catchUpDays"), 0, 365) : 0;
        reviewsDuringOutage = outage.Optional("reviewsDuringOutage") is { } r && reader.Boolean(r, outage.PathOf("reviewsDuringOutage"));
        var text = outage.Optional("description") is { } d ? reader.OptionalText(d, outage.PathOf("description")).Trim() : "";
        return OutageWindow.Register(from, to, [.. catalog.Products], catchUp, text, LegalTimeNoon(from));
    }

    private static DateTimeOffset LegalTimeNoon(DateOnly date) => BacklogFlow.Domain.Deadlines.LegalTime.Noon(date);

    private static PentUpArrivals? ReadPentUp(YamlNodeReader reader, YamlMappingReader top, OutageWindow? outage)
    {
        if (top.Optional("pentUp") is not { } node || YamlNodeReader.IsNull(node))
        {
            return null;
        }

        if (outage is null)
        {
            throw reader.Error(top.KeyNode("pentUp"), "pent-up applications need an outage that held them back ('outage:')");
        }

        var pentUp = reader.Mapping(node, "pent-up arrivals", "pentUp", _pentUpKeys);
        return new PentUpArrivals(
            reader.Integer(pentUp.Required("applications"), pentUp.PathOf("applications"), 0, 100_000_000),
            reader.Integer(pentUp.Required("overDays"), pentUp.PathOf("overDays"), 1, 365));
    }

    private static AutomaticCapacity ReadAutomatic(YamlNodeReader reader, YamlMappingReader top)
    {
        var automatic = reader.Mapping(top.Required("automatic"), "automatic capacity", "automatic", _automaticKeys);
        var perDay = reader.Integer(automatic.Required("perDay"), automatic.PathOf("perDay"), 1, int.MaxValue);
        var recovery = automatic.Optional("recoveryPerDay") is { } r ? reader.Integer(r, automatic.PathOf("recoveryPerDay"), 1, int.MaxValue) : perDay;
        return new AutomaticCapacity(perDay, recovery);
    }

    private static ReviewerCapacity ReadReviewers(YamlNodeReader reader, YamlMappingReader top)
    {
        var reviewers = reader.Mapping(top.Required("reviewers"), "reviewer capacity", "reviewers", _reviewerKeys);
        Overtime? overtime = null;
        if (reviewers.Optional("overtime") is { } node && !YamlNodeReader.IsNull(node))
        {
            var o = reader.Mapping(node, "overtime", reviewers.PathOf("overtime"), _overtimeKeys);
            var from = reader.Date(o.Required("from"), o.PathOf("from"));
            var untilNode = o.Required("until");
            var until = reader.Date(untilNode, o.PathOf("until"));
            if (until < from)
            {
                throw reader.Error(untilNode, $"overtime cannot end ({until:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
            }

            overtime = new Overtime(
                from,
                until,
                o.Optional("hoursPerWorkingDay") is { } h ? reader.Number(h, o.PathOf("hoursPerWorkingDay"), 0, 16) : 0,
                o.Optional("saturdayHours") is { } s ? reader.Number(s, o.PathOf("saturdayHours"), 0, 16) : 0);
        }

        return new ReviewerCapacity(
            reader.Integer(reviewers.Required("count"), reviewers.PathOf("count"), 0, 100_000),
            reader.Number(reviewers.Required("reviewsPerHour"), reviewers.PathOf("reviewsPerHour"), 0, 1000),
            reader.Number(reviewers.Required("hoursPerDay"), reviewers.PathOf("hoursPerDay"), 0, 24),
            overtime);
    }

    private static PenaltyAssumption ReadPenalty(YamlNodeReader reader, YamlMappingReader top)
    {
        if (top.Optional("penalty") is not { } node || YamlNodeReader.IsNull(node))
        {
            return new PenaltyAssumption(0, 1);
        }

        var penalty = reader.Mapping(node, "penalty assumption", "penalty", _penaltyKeys);
        return new PenaltyAssumption(
            reader.Number(penalty.Required("noticeShare"), penalty.PathOf("noticeShare"), 0, 1),
            reader.Integer(penalty.Required("noticeAfterDays"), penalty.PathOf("noticeAfterDays"), 1, 365));
    }
}
