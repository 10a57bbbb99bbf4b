using System.Text.Json;
using BacklogFlow.Contracts;
using BacklogFlow.Engine.Audit;
using BacklogFlow.Engine.Quarantine;
using BacklogFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BacklogFlow.Web.Tests.Browser;

/// <summary>
/// A supervisor in a real browser (Debian's chromium driven by Playwright) against the real web host
/// on Kestrel: quarantine (inspect, replay, discard with a reason), outage windows (register, force majeure
/// counted first, then confirmed) and the audit log of it all. Screenshots are kept as artifacts in
/// the test output folder's screenshots/.
/// </summary>
public sealed class SupervisorPagesBrowserTests : BrowserTests
{
    [Fact]
    public async Task Quarantine_SupervisorDiscardsWithAReason_GoneFromTheList()
    {
        // A payload with markup in it: the page must show it as text, never run it.
        const string payload = """{"applicationId":"a-1","product":"vog-xx","note":"<script>document.title='run'</script>"}""";
        var entry = await Web.QueryAsync(async db =>
        {
            var quarantined = db.Quarantine(QuarantineReasons.Invalid, "product: 'vog-xx' is not a product", payload,
                "justis-legacy", "a-1", Guid.NewGuid(), WebTestHost.Start);
            await db.SaveChangesAsync(Cancel);
            return quarantined;
        });
        await Web.CreateUserAsync("super-1", "supervisor");
        var page = await SignInAsync("super-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Quarantaine" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Quarantine");
        var listed = await page.Locator("#quarantine tbody tr").CountAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijken" }).ClickAsync();
        await ArriveAtAsync(page, $"**/Supervise/Quarantine/Entry/{entry.Id}");
        var shown = await page.Locator("pre#payload").InnerTextAsync();
        var scripts = await page.Locator("pre#payload script").CountAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "quarantine-entry.png"), FullPage = true });
        await page.GetByLabel("Reden van verwerpen").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwerpen" }).ClickAsync();
        var error = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        var invalid = await page.GetByLabel("Reden van verwerpen").GetAttributeAsync("aria-invalid");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "quarantine-discard-without-reason.png"), FullPage = true });
        await page.GetByLabel("Reden van verwerpen").FillAsync("test message from the supplier's acceptance environment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwerpen" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Quarantine?done=discarded");
        var confirmed = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var empty = await page.Locator("#quarantine-empty").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "quarantine-after-discard.png"), FullPage = true });

        listed.Should().Be(1);
        shown.Should().Be(payload, "the payload as received, as text");
        scripts.Should().Be(0);
        (await page.TitleAsync()).Should().NotBe("run");
        error.Should().Be("Geef een reden op om het bericht te verwerpen.");
        invalid.Should().Be("true");
        confirmed.Should().Be("Het bericht is verworpen.");
        empty.Should().Be("Er zijn geen berichten in quarantaine.");
        var stored = await Web.QueryAsync(db => db.QuarantinedMessages.SingleAsync(Cancel));
        stored.Resolution.Should().Be(QuarantineResolutions.Discarded);
        stored.ResolvedBy.Should().Be("super-1");
        stored.ResolutionNote.Should().Be("test message from the supplier's acceptance environment");
    }

    [Fact]
    public async Task Quarantine_Replay_RefusedForABodyThatIsNoApplicationDoneForOneThatIs()
    {
        var application = JsonSerializer.Serialize(new ApplicationSubmitted
        {
            ApplicationId = "a-2", SourceSystem = "justis-legacy", Product = "vog-np", ApplicantReference = "ap-replayed",
            ScreeningProfile = "general", FunctionAspects = ["11"], Sector = "education", Channel = "web", ReceivedAt = WebTestHost.Start.AddHours(-1),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var (garbage, failed) = await Web.QueryAsync(async db =>
        {
            var unreadable = db.Quarantine(QuarantineReasons.Unreadable, "not JSON", "%PDF-1.4 not an application", null, null, Guid.NewGuid(), WebTestHost.Start);
            var processing = db.Quarantine(QuarantineReasons.ProcessingFailed, "records check unavailable", application,
                "justis-legacy", "a-2", Guid.NewGuid(), WebTestHost.Start.AddMinutes(1));
            await db.SaveChangesAsync(Cancel);
            return (unreadable, processing);
        });
        await Web.CreateUserAsync("super-1", "supervisor");
        var page = await SignInAsync("super-1");

        await page.GotoAsync($"{BaseUrl}/Supervise/Quarantine/Entry/{garbage.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw aanbieden" }).ClickAsync();
        var refusal = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "quarantine-replay-refused.png"), FullPage = true });
        await page.GotoAsync($"{BaseUrl}/Supervise/Quarantine/Entry/{failed.Id}");
        await page.GetByLabel("Toelichting (optioneel)").FillAsync("records check back up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw aanbieden" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Quarantine?done=replayed");
        var confirmed = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var waiting = await page.Locator("#quarantine tbody tr").AllInnerTextsAsync();

        refusal.Should().Contain("cannot be replayed");
        confirmed.Should().Be("Het bericht is opnieuw aangeboden aan de intake.");
        waiting.Should().ContainSingle("the unreadable message still waits; the replayed one is resolved")
            .Which.Should().Contain("onleesbaar");
        var stored = await Web.QueryAsync(db => db.QuarantinedMessages.SingleAsync(m => m.Id == failed.Id, Cancel));
        stored.Resolution.Should().Be(QuarantineResolutions.Replayed);
        stored.ResolvedBy.Should().Be("super-1");
        stored.ResolutionNote.Should().Be("records check back up");
    }

    [Fact]
    public async Task Outages_SupervisorRegistersAWindow_ListedThenForceMajeureCountedBeforeItIsConfirmed()
    {
        await Web.SeedReviewTasksAsync(WebTestHost.Application() with { ReceivedAt = new DateTimeOffset(2021, 10, 13, 9, 0, 0, TimeSpan.Zero) });
        await Web.CreateUserAsync("super-1", "supervisor");
        var page = await SignInAsync("super-1");

        await page.GetByRole(AriaRole.Link, new() { Name = "Storingen" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Outages");
        await page.GetByLabel("Eerste dag van de storing").FillAsync("2021-10-15");
        await page.GetByLabel("Laatste dag van de storing").FillAsync("2021-11-01");
        await page.GetByLabel("vog-np").CheckAsync();
        await page.GetByLabel("Inhaaldagen na de storing").FillAsync("28");
        await page.GetByLabel("Omschrijving").FillAsync("VOG-storing oktober 2021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Storing registreren" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Outages?registered=True");
        var registered = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        var row = await page.Locator("#outages tbody tr").AllInnerTextsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "outages-registered.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Overmacht doorrekenen" }).ClickAsync();
        var counted = await page.Locator("#force-majeure-count").InnerTextAsync();
        var suspendedAfterDryRun = await Web.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.CaseSuspendedForForceMajeure, Cancel));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "outages-force-majeure-dry-run.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen: zaken opschorten" }).ClickAsync();
        var suspended = await page.Locator("#force-majeure-suspended").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "outages-force-majeure-applied.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Auditlog" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Audit");
        var logged = await page.Locator("#audit tbody tr").AllInnerTextsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "audit-log.png"), FullPage = true });
        await page.GetByLabel("Actie").SelectOptionAsync(AuditActions.OutageRegistered);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Audit?*action=outage.registered*");
        var filtered = await page.Locator("#audit tbody tr").AllInnerTextsAsync();

        registered.Should().Be("De storing is geregistreerd.");
        row.Should().ContainSingle().Which.Should().Contain("2021-10-15").And.Contain("2021-11-01").And.Contain("vog-np").And.Contain("VOG-storing oktober 2021");
        counted.Should().Be("1", "the one open case was received before the outage ended");
        suspendedAfterDryRun.Should().Be(0, "the count changes nothing");
        suspended.Should().Be("1");
        logged.Should().HaveCount(3).And.AllSatisfy(r => r.Should().Contain("super-1"));
        logged[0].Should().Contain("overmacht toegepast", "newest first");
        logged[2].Should().Contain("storing geregistreerd");
        filtered.Should().ContainSingle().Which.Should().Contain("storing geregistreerd");
        var audit = await Web.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).Select(e => new { e.Actor, e.Action }).ToListAsync(Cancel));
        audit.Select(e => e.Action).Should().Equal(
            AuditActions.OutageRegistered, AuditActions.CaseSuspendedForForceMajeure, AuditActions.ForceMajeureApplied);
        audit.Should().AllSatisfy(e => e.Actor.Should().Be("super-1"));
    }

    [Fact]
    public async Task BulkMove_SupervisorDryRunThenApply_CountsShownThenTasksMoved()
    {
        await Web.SeedReviewTasksAsync(
            WebTestHost.Application("general"), WebTestHost.Application("general"), WebTestHost.Application("general"), WebTestHost.Application("childcare"));
        await Web.CreateUserAsync("super-2", "supervisor");
        var page = await SignInAsync("super-2");

        await page.GetByRole(AriaRole.Link, new() { Name = "Herverdelen" }).ClickAsync();
        await ArriveAtAsync(page, "**/Supervise/Rebalance");
        await page.GetByLabel("Wachtrij", new() { Exact = true }).SelectOptionAsync("vog-np-regular");
        await page.GetByLabel("Actie", new() { Exact = true }).SelectOptionAsync("move-to-queue");
        await page.GetByLabel("Doel").FillAsync("vog-np-mandatory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Proefrun" }).ClickAsync();
        var counted = await page.Locator("#preview-count").InnerTextAsync();
        var movedBeforeApply = await Web.QueryAsync(db => Task.FromResult(db.ReviewTasks.Count(t => t.Queue == "vog-np-mandatory")));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "bulk-move-dry-run.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitvoeren (3)" }).ClickAsync();
        var applied = await page.Locator("#applied").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "bulk-move-applied.png"), FullPage = true });
        var openInRegular = await page.Locator("#queue-vog-np-regular td").Nth(1).InnerTextAsync();

        counted.Should().Be("3");
        movedBeforeApply.Should().Be(1, "a dry run changes nothing");
        applied.Should().StartWith("3 taken verplaatst");
        openInRegular.Should().Be("0");
        (await Web.QueryAsync(db => Task.FromResult(db.ReviewTasks.Count(t => t.Queue == "vog-np-mandatory")))).Should().Be(4);
    }

    [Fact]
    public async Task Rebalance_SupervisorPausesAQueueAndMovesAClassUp_SavedAndShown()
    {
        await Web.CreateUserAsync("super-3", "supervisor");
        var page = await SignInAsync("super-3");
        await page.GotoAsync($"{BaseUrl}/Supervise/Rebalance");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pauzeren vog-np-unknown" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "regular Omhoog" }).ClickAsync();
        var status = await page.Locator("#queue-vog-np-unknown td").Nth(3).InnerTextAsync();
        var order = await page.Locator("#priority-order .class-name").AllInnerTextsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "rebalance.png"), FullPage = true });

        status.Should().StartWith("gepauzeerd");
        order.Should().Equal("at-risk", "regular", "mandatory");
    }
}
