using BacklogFlow.Contracts;
using BacklogFlow.Domain.Cases;

namespace BacklogFlow.Engine.Simulation;

/// <summary>
/// Generates the messages a legacy system sends when it comes back after an outage: mostly vog-np,
/// a realistic mix of sectors (mandatory and not, some unknown), every channel, receipts over the
/// specification's period (the last three days by default), many with the date the applicant
/// wanted to apply during the outage; plus defective messages, exact resends and conflicting
/// resends, shuffled in. Deterministic per seed. Used by <c>backlogflow surge</c> and the web
/// host's <c>--demo</c> backlog.
/// </summary>
public static class SyntheticSurge
{
    private static readonly (string Value, int Weight)[] ProductMix = [("vog-np", 88), ("vog-rp", 7), ("gva", 5)];

    private static readonly (string? Sector, string Profile, int Weight)[] SectorMix =
    [
        ("childcare", "childcare", 14), ("childminding", "childminder", 2), ("education", "education", 16),
        ("taxi", "taxi", 5), ("bus", "transport", 2), ("road-transport", "transport", 3),
        ("youth-care", "care", 6), ("long-term-care", "care", 6), ("residential-mental-health-care", "care", 3),
        ("general", "general", 12), ("finance", "finance", 5), ("hospitality", "general", 6), ("retail", "general", 6),
        ("volunteering", "general", 6), ("public-administration", "government", 3), ("healthcare-other", "care", 3),
        ("private-security", "security", 1), (null, "general", 1),
    ];

    private static readonly (string Value, int Weight)[] ChannelMix =
        [(Channels.Web, 78), (Channels.App, 12), (Channels.Paper, 4), (Channels.Municipality, 6)];

    private static readonly string[] FunctionAspects = ["11", "12", "13", "14", "15", "16", "38", "41", "45", "55", "56", "58", "62", "84"];

    public static IReadOnlyList<SurgeMessage> Generate(SurgeSpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var random = new Random(spec.Seed);
        var messages = new List<SurgeMessage>(spec.MessageCount);
        var valid = new List<ApplicationSubmitted>(spec.ValidCount);

        var invalidIndexes = Enumerable.Range(0, spec.Applications).OrderBy(_ => random.Next()).Take(spec.InvalidCount).ToHashSet();
        for (var i = 0; i < spec.Applications; i++)
        {
            var application = Application(spec, random, i);
            if (invalidIndexes.Contains(i))
            {
                messages.Add(Defect(application, random, spec.Now));
            }
            else
            {
                valid.Add(application);
                messages.Add(new SurgeMessage(application, SurgeMessageKind.Application));
            }
        }

        for (var i = 0; i < spec.DuplicateCount; i++)
        {
            messages.Add(new SurgeMessage(valid[random.Next(valid.Count)], SurgeMessageKind.Duplicate));
        }

        for (var i = 0; i < spec.ConflictCount; i++)
        {
            var original = valid[random.Next(valid.Count)];
            messages.Add(new SurgeMessage(original with { Channel = original.Channel == Channels.Paper ? Channels.Web : Channels.Paper }, SurgeMessageKind.Conflict));
        }

        // A resend may overtake its original on the wire; shuffle everything but keep each
        // application's first send ahead of its resends, so "duplicate" and "conflict" mean what they say.
        var originals = messages.Where(m => m.Kind is SurgeMessageKind.Application or SurgeMessageKind.Invalid).OrderBy(_ => random.Next()).ToList();
        var resends = messages.Where(m => m.Kind is SurgeMessageKind.Duplicate or SurgeMessageKind.Conflict).OrderBy(_ => random.Next()).ToList();
        return [.. originals, .. resends];
    }

    private static ApplicationSubmitted Application(SurgeSpecification spec, Random random, int index)
    {
        var (sector, profile, _) = Pick(SectorMix, s => s.Weight, random);
        var receivedAt = spec.Now.AddMinutes(-random.Next(0, (int)spec.ReceiptPeriod.TotalMinutes));
        var outageStart = receivedAt.AddDays(-20);
        var aspects = FunctionAspects.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).Order(StringComparer.Ordinal).ToArray();
        return new ApplicationSubmitted
        {
            ApplicationId = $"{spec.Seed}-{index:D7}",
            SourceSystem = spec.SourceSystem,
            Product = Pick(ProductMix, p => p.Weight, random).Value,
            ApplicantReference = $"ap-{random.NextInt64():x16}",
            ScreeningProfile = profile,
            FunctionAspects = aspects,
            Sector = sector,
            Channel = Pick(ChannelMix, c => c.Weight, random).Value,
            ReceivedAt = receivedAt,
            IntendedSubmissionDate = random.NextDouble() < 0.6
                ? DateOnly.FromDateTime(outageStart.AddDays(random.Next(0, 17)).UtcDateTime)
                : null,
        };
    }

    /// <summary>The defects a real legacy system produces, from a missing field to a body no reader can take.</summary>
    private static SurgeMessage Defect(ApplicationSubmitted application, Random random, DateTimeOffset now)
    {
        var defective = random.Next(7) switch
        {
            0 => application with { Product = null },
            1 => application with { Product = "vog-xx" },
            2 => application with { ApplicantReference = CitizenServiceNumber(random) },
            3 => application with { Channel = "fax" },
            4 => application with { ReceivedAt = now.AddDays(3) },
            5 => application with { ApplicantReference = " " },
            _ => null,
        };
        return defective is not null
            ? new SurgeMessage(defective, SurgeMessageKind.Invalid)
            : new SurgeMessage(application, SurgeMessageKind.Invalid,
                RawBody: $$"""{"applicationId":"{{application.ApplicationId}}","sourceSystem":"{{application.SourceSystem}}","product":"{{application.Product}}","receivedAt":"last tuesday"}""");
    }

    /// <summary>A nine-digit number that passes the eleven-test, as a legacy system might leak one.</summary>
    private static string CitizenServiceNumber(Random random)
    {
        while (true)
        {
            var digits = Enumerable.Range(0, 8).Select(_ => random.Next(10)).ToArray();
            var sum = digits.Select((d, i) => (9 - i) * d).Sum();
            var check = sum % 11;
            if (check < 10 && digits[0] != 0)
            {
                return string.Concat(digits) + check;
            }
        }
    }

    private static T Pick<T>(IReadOnlyList<T> options, Func<T, int> weight, Random random)
    {
        var total = options.Sum(weight);
        var draw = random.Next(total);
        foreach (var option in options)
        {
            draw -= weight(option);
            if (draw < 0)
            {
                return option;
            }
        }

        return options[^1];
    }
}
