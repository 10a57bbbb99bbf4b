using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BacklogFlow.Domain.Screening;
using Microsoft.Extensions.Options;

namespace BacklogFlow.Engine.Screening;

/// <summary>
/// A deterministic stand-in for the judicial-records system: a seeded hash of the applicant
/// reference decides, so the same applicant always gets the same answer and about
/// <see cref="ScreeningOptions.RecordShare"/> of applicants have a record.
/// </summary>
public sealed class SimulatedJudicialRecordsCheck(IOptions<ScreeningOptions> options) : IJudicialRecordsCheck
{
    private readonly ScreeningOptions _options = options.Value;

    public ValueTask<ScreeningResult> CheckAsync(RecordsCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{_options.Seed}:{request.ApplicantReference}"));
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(digest);
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        return ValueTask.FromResult(draw < _options.RecordShare ? ScreeningResult.Record : ScreeningResult.NoRecord);
    }
}
