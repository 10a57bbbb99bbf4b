using BacklogFlow.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Account;

/// <summary>Sends the person to the organisation's identity provider (when one is configured).</summary>
public sealed class ExternalModel(OpenIdConnectSettings oidc) : PageModel
{
    public IActionResult OnPost(string? returnUrl) =>
        oidc.Enabled
            ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(returnUrl) ? returnUrl : "/Work" }, OpenIdConnectSettings.Scheme)
            : NotFound();
}
