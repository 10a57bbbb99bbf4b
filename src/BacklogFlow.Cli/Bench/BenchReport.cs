using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace BacklogFlow.Cli.Bench;

/// <summary>A bench run's result: the machine, the sizes, and each benchmark's figures or the reason it was skipped; as one JSON object or as tables.</summary>
internal sealed record BenchReport(MachineDescription Machine, BenchSizes Sizes, IReadOnlyList<BenchSection> Sections)
{
    public bool AnySkipped => Sections.Any(s => s.SkippedBecause is not null);

    public string ToJson()
    {
        var benchmarks = new JsonObject();
        foreach (var section in Sections)
        {
            benchmarks[section.Name] = section.SkippedBecause is { } reason
                ? new JsonObject { ["status"] = "skipped", ["reason"] = reason }
                : new JsonObject
                {
                    ["status"] = "ran",
                    ["figures"] = new JsonObject(section.Figures.Select(f => KeyValuePair.Create(f.Key, Number(f.Value)))),
                    ["units"] = new JsonObject(section.Figures.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Unit))),
                    ["rounds"] = new JsonObject(section.Figures.Where(f => f.Rounds is not null)
                        .Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonArray([.. f.Rounds!.Select(Number)])))),
                    ["notes"] = new JsonArray([.. section.Notes.Select(n => (JsonNode?)n)]),
                };
        }

        var root = new JsonObject
        {
            ["machine"] = new JsonObject
            {
                ["cores"] = Machine.Cores,
                ["os"] = Machine.OperatingSystem,
                ["dotnet"] = Machine.DotNet,
                ["serverGc"] = Machine.ServerGc,
                ["postgresql"] = Machine.PostgreSql,
                ["rabbitmq"] = Machine.RabbitMq,
            },
            ["rounds"] = Sizes.Rounds,
            ["benchmarks"] = benchmarks,
            ["skipped"] = new JsonArray([.. Sections.Where(s => s.SkippedBecause is not null).Select(s => (JsonNode?)s.Name)]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    public void WriteTables(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLineInterpolated(
            $"[bold]backlogflow bench[/]: {Machine.Cores} cores, {Machine.OperatingSystem}, {Machine.DotNet}, PostgreSQL {Machine.PostgreSql ?? "-"}, RabbitMQ {Machine.RabbitMq ?? "-"}; medians of {Sizes.Rounds} interleaved round(s)");
        foreach (var section in Sections)
        {
            if (section.SkippedBecause is { } reason)
            {
                console.MarkupLineInterpolated($"[yellow]{section.Name}: skipped[/]: {reason}");
                continue;
            }

            var table = new Table().Title(section.Name).AddColumns("figure", "median", "unit", "rounds");
            foreach (var figure in section.Figures)
            {
                table.AddRow(
                    Markup.Escape(figure.Label),
                    Format(figure.Value),
                    Markup.Escape(figure.Unit),
                    figure.Rounds is null ? "" : string.Join("  ", figure.Rounds.Select(Format)));
            }

            console.Write(table);
            foreach (var note in section.Notes)
            {
                console.MarkupLineInterpolated($"  [grey]{note}[/]");
            }
        }
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;

    private static string Format(double value) => !double.IsFinite(value)
        ? "-"
        : Math.Abs(value) >= 100 || value == Math.Floor(value)
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.###", CultureInfo.InvariantCulture);
}
