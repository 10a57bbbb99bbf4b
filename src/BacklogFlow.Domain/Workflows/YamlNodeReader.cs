using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// Strict, typed reads of YAML representation-model nodes for one file. Every failure becomes a
/// <see cref="WorkflowDefinitionException"/> at the offending node's line and column.
/// </summary>
internal sealed partial class YamlNodeReader(string file)
{
    public const string CodeDescription = "a lowercase code of letters, digits and single hyphens";

    public string File => file;

    public WorkflowDefinitionException Error(YamlNode node, string problem) => Error(node.Start, problem);

    public WorkflowDefinitionException Error(Mark position, string problem) =>
        new(file, position.Line, position.Column, problem);

    public YamlMappingReader Mapping(YamlNode node, string noun, string path, params string[] allowedKeys) =>
        node is YamlMappingNode mapping
            ? new YamlMappingReader(this, mapping, noun, path, allowedKeys)
            : throw Error(node, $"{Describe(path)} must be a mapping ({noun}), not {Describe(node)}");

    /// <summary>A mapping that may also be left empty (<c>when:</c> with nothing after it); null then.</summary>
    public YamlMappingReader? OptionalMapping(YamlNode node, string noun, string path, params string[] allowedKeys) =>
        IsNull(node) ? null : Mapping(node, noun, path, allowedKeys);

    public YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, $"{Describe(path)} must be a list, not {Describe(node)}");

    public YamlSequenceNode NonEmptySequence(YamlNode node, string path)
    {
        var sequence = Sequence(node, path);
        return sequence.Children.Count > 0
            ? sequence
            : throw Error(node, $"{Describe(path)} must have at least one entry");
    }

    /// <summary>Text; a YAML null or blank value is an error.</summary>
    public string Text(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "text");
        return IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value)
            ? throw Error(node, $"{Describe(path)} must not be empty")
            : scalar.Value!;
    }

    /// <summary>Text that may be empty; a YAML null reads as "".</summary>
    public string OptionalText(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "text");
        return IsNull(scalar) ? "" : scalar.Value ?? "";
    }

    public string Code(YamlNode node, string path)
    {
        var text = Text(node, path);
        return CodePattern().IsMatch(text)
            ? text
            : throw Error(node, $"{Describe(path)} must be {CodeDescription} (like 'vog-np-review'), not '{text}'");
    }

    public int Integer(YamlNode node, string path, int min, int max)
    {
        var scalar = Scalar(node, path, "an integer");
        if (scalar.Style != ScalarStyle.Plain
            || !IntegerPattern().IsMatch(scalar.Value ?? "")
            || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, $"{Describe(path)} must be an integer, not {Describe(node)}");
        }

        if (value < min || value > max)
        {
            var range = max == int.MaxValue ? $"at least {min}" : $"from {min} to {max}";
            throw Error(node, $"{Describe(path)} must be {range}, not {value}");
        }

        return value;
    }

    public bool Boolean(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "true or false");
        return scalar switch
        {
            { Style: ScalarStyle.Plain, Value: "true" or "True" or "TRUE" } => true,
            { Style: ScalarStyle.Plain, Value: "false" or "False" or "FALSE" } => false,
            _ => throw Error(node, $"{Describe(path)} must be true or false, not {Describe(node)}"),
        };
    }

    /// <summary>One of a fixed set of spellings.</summary>
    public TEnum Spelling<TEnum>(YamlNode node, string path, IReadOnlyList<string> spellings, TryParseSpelling<TEnum> tryParse)
    {
        var text = Text(node, path);
        return tryParse(text, out var value)
            ? value
            : throw Error(node, $"{Describe(path)} has unknown value '{text}'; expected one of: {string.Join(", ", spellings)}");
    }

    /// <summary>A list of codes without duplicates; each code with its node, for later messages.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlNode>> Codes(YamlNode node, string path, bool allowEmpty)
    {
        var sequence = allowEmpty ? Sequence(node, path) : NonEmptySequence(node, path);
        var codes = new List<KeyValuePair<string, YamlNode>>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var code = Code(item, $"{path}[{index}]");
            var earlier = codes.FindIndex(c => c.Key == code);
            if (earlier >= 0)
            {
                throw Error(item, $"'{code}' is listed twice in '{path}' (first at line {codes[earlier].Value.Start.Line})");
            }

            codes.Add(new KeyValuePair<string, YamlNode>(code, item));
            index++;
        }

        return codes;
    }

    /// <summary>A list of spellings without duplicates.</summary>
    public IReadOnlySet<TEnum> SpellingSet<TEnum>(
        YamlNode node, string path, IReadOnlyList<string> spellings, TryParseSpelling<TEnum> tryParse)
    {
        var sequence = NonEmptySequence(node, path);
        var values = new HashSet<TEnum>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var value = Spelling(item, $"{path}[{index}]", spellings, tryParse);
            if (!values.Add(value))
            {
                throw Error(item, $"'{((YamlScalarNode)item).Value}' is listed twice in '{path}'");
            }

            index++;
        }

        return values;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private YamlScalarNode Scalar(YamlNode node, string path, string expected) =>
        node as YamlScalarNode ?? throw Error(node, $"{Describe(path)} must be {expected}, not {Describe(node)}");

    private static string Describe(string path) => path.Length == 0 ? "the top level" : $"'{path}'";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "an empty value",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar =>
            $"the quoted text '{scalar.Value}'",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unsupported YAML node",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();
}
