using BacklogFlow.Web;
using BacklogFlow.Web.Demo;

// `--demo` is the one switch a newcomer needs; everything else is configuration.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => a != "--demo")],

    // appsettings.json, wwwroot/ and workflows/ sit beside the binary, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});
if (demo)
{
    builder.Configuration[$"{DemoOptions.Section}:Enabled"] = "true";
}

builder.AddBacklogFlowWeb();
var app = builder.Build();
app.UseBacklogFlowWeb();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
