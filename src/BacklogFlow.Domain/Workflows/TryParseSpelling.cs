namespace BacklogFlow.Domain.Workflows;

/// <summary>Parses one enum spelling (see <see cref="YamlSpellings"/>).</summary>
public delegate bool TryParseSpelling<TEnum>(string spelling, out TEnum value);
