using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BacklogFlow.Web.Pages.Account;

public sealed class DeniedModel : PageModel
{
}
