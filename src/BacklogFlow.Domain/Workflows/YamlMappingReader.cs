using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// A YAML mapping whose keys have been checked against the keys it may have: reads required and
/// optional values, and reports missing keys at the mapping's own position.
/// </summary>
public sealed class YamlMappingReader
{
    private readonly YamlNodeReader _reader;
    private readonly Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> _entries;

    internal YamlMappingReader(YamlNodeReader reader, YamlMappingNode node, string noun, string path, IReadOnlyList<string> allowedKeys)
    {
        _reader = reader;
        Node = node;
        Noun = noun;
        Path = path;
        _entries = new Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } scalarKey)
            {
                throw reader.Error(keyNode, $"keys in {noun} must be plain names; expected one of: {string.Join(", ", allowedKeys)}");
            }

            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                throw reader.Error(keyNode, $"unknown key '{key}' in {noun}; expected one of: {string.Join(", ", allowedKeys)}");
            }

            _entries.Add(key, new KeyValuePair<YamlScalarNode, YamlNode>(scalarKey, value));
        }
    }

    public YamlMappingNode Node { get; }

    /// <summary>What the mapping is, for messages ("queue", "term").</summary>
    public string Noun { get; }

    /// <summary>Where the mapping is in the document ("queues[1]"); empty at the top level.</summary>
    public string Path { get; }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode Required(string key) =>
        _entries.TryGetValue(key, out var entry)
            ? entry.Value
            : throw _reader.Error(Node, $"missing required key '{key}' in {Noun} starting at line {Node.Start.Line}");

    public YamlNode? Optional(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The key node itself, for messages about the key rather than its value.</summary>
    public YamlScalarNode KeyNode(string key) => _entries[key].Key;

    /// <summary>The path of a value in this mapping, for messages ("queues[1].weight").</summary>
    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
