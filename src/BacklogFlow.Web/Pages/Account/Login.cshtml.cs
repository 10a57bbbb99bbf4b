using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Account;

/// <summary>Sign-in for people: the Identity cookie. The form carries an anti-forgery token, as every form does.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    /// <summary>A <see cref="Ui.UiTexts"/> key saying why sign-in failed.</summary>
    public string? Problem { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string userName, string password, string? returnUrl)
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/Work");
        }

        UserName = userName;
        ReturnUrl = returnUrl;
        Problem = result.IsLockedOut ? "locked-out" : "sign-in-failed";
        return Page();
    }
}
