using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BacklogFlow.Domain.Workflows;

/// <summary>
/// Strict, typed reads of YAML representation-model nodes for one file. Every failure becomes a
/// <see cref="WorkflowDefinitionException"/> at the offending node's line and column. Used by every
/// loader of files under workflows/: definitions, calendars and the planner's scenarios.
/// </summary>
public sealed partial class YamlNodeReader(string file)
{
    public const string CodeDescription = "a lowercase code of letters, digits and single hyphens";

    public string File => file;

    public WorkflowDefinitionException Error(YamlNode node, string problem) => Error(node.Start, problem);

    public WorkflowDefinitionException Error(Mark position, string problem) =>
        new(file, position.Line, position.Column, problem);

    /// <summary>
    /// Parses the text as exactly one YAML document and returns its root. Syntax errors, an empty text
    /// and a second document are errors at their position; <paramref name="expected"/> ("a workflow
    /// definition") and <paramref name="fileKind"/> ("a workflow file") word the messages.
    /// </summary>
    public YamlNode ReadSingleDocument(string yaml, string expected, string fileKind)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw Error(e.Start, $"YAML syntax error: {DescribeSyntaxError(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails without a position on some malformed input (for example an
            // unclosed '[' followed by more lines); report where parsing last succeeded.
            throw Error(
                parser.LastGoodPosition,
                "YAML syntax error: the text after this point cannot be parsed (is a '[', '{' or quote left unclosed?)");
        }

        if (stream.Documents.Count == 0)
        {
            throw Error(new Mark(0, 1, 1), $"the file is empty; expected {expected}");
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(stream.Documents[1].RootNode, $"{fileKind} holds exactly one YAML document; found a second one");
        }

        return stream.Documents[0].RootNode;
    }

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

    /// <summary>A plain decimal number (like 0.16 or 12000) within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Number(YamlNode node, string path, double min, double max)
    {
        var scalar = Scalar(node, path, "a number");
        if (scalar.Style != ScalarStyle.Plain
            || !NumberPattern().IsMatch(scalar.Value ?? "")
            || !double.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, $"{Describe(path)} must be a number, not {Describe(node)}");
        }

        if (value < min || value > max)
        {
            var range = max == double.MaxValue
                ? $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
            throw Error(node, $"{Describe(path)} must be {range}, not {scalar.Value}");
        }

        return value;
    }

    /// <summary>A calendar date written as YYYY-MM-DD (unquoted or quoted) that exists.</summary>
    public DateOnly Date(YamlNode node, string path)
    {
        var scalar = Scalar(node, path, "a date (YYYY-MM-DD)");
        var text = scalar.Value ?? "";
        if (IsNull(scalar) || !DatePattern().IsMatch(text))
        {
            throw Error(node, $"{Describe(path)} must be a date written YYYY-MM-DD, not {Describe(node)}");
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(node, $"{Describe(path)} is not a date that exists: '{text}'");
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

    private static string DescribeSyntaxError(YamlException exception)
    {
        const string DuplicateKey = "Duplicate key ";
        var message = exception.Message.Trim();
        return message.StartsWith(DuplicateKey, StringComparison.Ordinal)
            ? $"key '{message[DuplicateKey.Length..]}' appears twice in the same mapping"
            : message;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?[0-9]+(\\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
