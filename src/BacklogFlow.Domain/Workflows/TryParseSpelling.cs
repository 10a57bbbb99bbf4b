namespace BacklogFlow.Domain.Workflows;

/// <summary>Parses one enum spelling (see <see cref="YamlSpellings"/>).</summary>
internal delegate bool TryParseSpelling<TEnum>(string spelling, out TEnum value);
