using BacklogFlow.Domain.Workflows;

namespace BacklogFlow.Domain.Tests.TestSupport;

/// <summary>
/// A small valid definition the loader tests break one line at a time. Line numbers in the tests
/// refer to this text (line 1 is "product: sample").
/// </summary>
public static class SampleDefinitions
{
    public const string FileName = "sample.yaml";

    public const string Valid = """
        product: sample
        name: Sample product
        term:
          weeks: 4
          recordExtensionWeeks: 4
          maxExtensionWeeks: 4
          legalBasis: See the statute.
        automaticDecisions:
          no-record: issue
        mandatory:
          sectors: [childcare]
          profiles: [childminder]
          notMandatorySectors: [general]
        queues:
          - name: sample-mandatory
            weight: 3
            description: Mandatory cases.
          - name: sample-regular
            weight: 1
        routing:
          - queue: sample-mandatory
            when:
              mandatory: [mandatory]
          - queue: sample-regular
        priorityClasses:
          - name: at-risk
            escalationOnly: true
          - name: mandatory
            when: { mandatory: [mandatory, unknown] }
          - name: regular
        deadlineWarnings:
          - name: due-soon
            daysLeft: 7
          - name: at-risk
            daysLeft: 3
            escalateTo: at-risk

        """;

    /// <summary>The valid sample with one exact piece of text replaced (which must occur exactly once).</summary>
    public static string With(string original, string replacement)
    {
        var first = Valid.IndexOf(original, StringComparison.Ordinal);
        if (first < 0 || Valid.IndexOf(original, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{original}' must occur exactly once in the sample.", nameof(original));
        }

        return Valid.Replace(original, replacement, StringComparison.Ordinal);
    }

    /// <summary>The definition of a product with the given name and a single catch-all queue.</summary>
    public static string Minimal(string product, string queue) => $$"""
        product: {{product}}
        name: {{product}}
        term: { weeks: 8, recordExtensionWeeks: 0, maxExtensionWeeks: 4, legalBasis: See the statute. }
        automaticDecisions: {}
        mandatory: { sectors: [], notMandatorySectors: [] }
        queues:
          - name: {{queue}}
            weight: 1
        routing:
          - queue: {{queue}}
        priorityClasses:
          - name: regular
        deadlineWarnings: []

        """;

    public static WorkflowDefinitionException LoadFails(string yaml, string fileName = FileName)
    {
        try
        {
            WorkflowDefinitionLoader.LoadText(yaml, fileName);
        }
        catch (WorkflowDefinitionException exception)
        {
            return exception;
        }

        throw new InvalidOperationException("The definition loaded, but it was expected to fail.");
    }
}
