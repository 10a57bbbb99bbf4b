using BacklogFlow.Domain.Workflows;
using BacklogFlow.Engine.Tests.Support;

namespace BacklogFlow.Engine.Tests.Workflows;

public sealed class WorkflowStartupTests
{
    [Fact]
    public async Task StartAsync_BrokenDefinition_StopsStartupNamingFileAndLine()
    {
        var directory = Directory.CreateTempSubdirectory("backlogflow-workflows-");
        try
        {
            var shipped = Path.Combine(AppContext.BaseDirectory, "workflows", "vog-np.workflow.yaml");
            var broken = File.ReadAllText(shipped).Replace("weeks: 4", "weeks: four", StringComparison.Ordinal);
            var file = Path.Combine(directory.FullName, "vog-np.workflow.yaml");
            File.WriteAllText(file, broken);

            var start = () => EngineTestHost.StartAsync(new Dictionary<string, string?> { ["BacklogFlow:Workflows:Directory"] = directory.FullName });

            var failure = await start.Should().ThrowAsync<WorkflowDefinitionException>();
            failure.Which.File.Should().Be(file);
            failure.Which.Line.Should().BeGreaterThan(0);
            failure.Which.Message.Should().Contain("vog-np.workflow.yaml:").And.Contain("four");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
