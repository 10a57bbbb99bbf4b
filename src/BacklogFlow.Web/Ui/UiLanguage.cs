namespace BacklogFlow.Web.Ui;

/// <summary>
/// The language of the pages: Dutch by default, English on request, kept in a cookie. Every label
/// lives in <see cref="UiTexts"/>; a page asks for it by key, so a missing translation shows the key
/// instead of silently mixing languages.
/// </summary>
public sealed class UiLanguage(IHttpContextAccessor accessor)
{
    public const string CookieName = "bf-lang";

    public static readonly IReadOnlyList<string> Supported = ["nl", "en"];

    public string Code =>
        accessor.HttpContext?.Request.Cookies[CookieName] is { } chosen && Supported.Contains(chosen) ? chosen : "nl";

    public string this[string key] => UiTexts.Get(Code, key);

    /// <summary>A code (status, mandatory, screening result) in words.</summary>
    public string Value(string code) => UiTexts.Value(Code, code);
}
