using System.Net;
using System.Text.RegularExpressions;
using BacklogFlow.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BacklogFlow.Web.Tests.Security;

/// <summary>
/// Sign-in through the organisation's identity provider, configured like production. The provider
/// is an edge we do not own: its metadata is given here instead of fetched, and the test stops at
/// the redirect to it (code flow with PKCE).
/// </summary>
public sealed partial class OpenIdConnectTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ProviderConfigured_OfferedAndRedirectsWithCodeFlowAndPkce()
    {
        await using var web = new WebTestHost(
            new Dictionary<string, string?>
            {
                ["BacklogFlow:Authentication:OpenIdConnect:Authority"] = "https://idp.example.test",
                ["BacklogFlow:Authentication:OpenIdConnect:ClientId"] = "backlogflow",
            },
            services => services.PostConfigure<OpenIdConnectOptions>("oidc", options =>
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
                {
                    Issuer = "https://idp.example.test",
                    AuthorizationEndpoint = "https://idp.example.test/authorize",
                    TokenEndpoint = "https://idp.example.test/token",
                })));
        using var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await browser.GetStringAsync("/Account/Login", Cancel);
        var token = AntiforgeryToken().Match(login).Groups[1].Value;
        using var external = await browser.PostAsync("/Account/External", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/Work",
        }), Cancel);

        login.Should().Contain("Inloggen via uw organisatie");
        external.StatusCode.Should().Be(HttpStatusCode.Redirect, await external.Content.ReadAsStringAsync(Cancel));
        var location = external.Headers.Location!.ToString();
        location.Should().StartWith("https://idp.example.test/authorize?")
            .And.Contain("client_id=backlogflow").And.Contain("response_type=code").And.Contain("code_challenge_method=S256");
    }

    [Fact]
    public async Task Login_NoProviderConfigured_NotOffered()
    {
        await using var web = new WebTestHost();
        using var browser = web.CreateClient();

        var login = await browser.GetStringAsync("/Account/Login", Cancel);

        login.Should().NotContain("Inloggen via uw organisatie");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
