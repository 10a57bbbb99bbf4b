using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BacklogFlow.Engine.Persistence;

/// <summary>An instant as UTC ticks: orderable and comparable in SQLite, exact to 100 ns.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
