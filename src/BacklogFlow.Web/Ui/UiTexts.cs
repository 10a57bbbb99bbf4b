namespace BacklogFlow.Web.Ui;

/// <summary>The pages' labels in Dutch and English, one table.</summary>
public static class UiTexts
{
    private static readonly Dictionary<string, (string Nl, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["app"] = ("BacklogFlow", "BacklogFlow"),
        ["skip"] = ("Naar de inhoud", "Skip to content"),
        ["language"] = ("Taal", "Language"),
        ["switch-language"] = ("English", "Nederlands"),
        ["sign-in"] = ("Inloggen", "Sign in"),
        ["sign-out"] = ("Uitloggen", "Sign out"),
        ["sign-in-organisation"] = ("Inloggen via uw organisatie", "Sign in through your organisation"),
        ["user-name"] = ("Gebruikersnaam", "User name"),
        ["password"] = ("Wachtwoord", "Password"),
        ["sign-in-failed"] = ("Onbekende gebruiker of onjuist wachtwoord.", "Unknown user name or wrong password."),
        ["locked-out"] = ("Te veel mislukte pogingen: het account is tijdelijk geblokkeerd.", "Too many failed attempts: the account is locked for a while."),
        ["denied"] = ("U heeft geen toegang tot deze pagina.", "You do not have access to this page."),
        ["my-tasks"] = ("Mijn taken", "My tasks"),
        ["next-task"] = ("Volgende taak", "Next task"),
        ["no-task"] = ("Er is geen open taak in uw wachtrijen.", "There is no open task in your queues."),
        ["no-tasks-held"] = ("U heeft geen taken in behandeling.", "You hold no tasks."),
        ["open"] = ("Openen", "Open"),
        ["case"] = ("Zaak", "Case"),
        ["product"] = ("Product", "Product"),
        ["profile"] = ("Screeningsprofiel", "Screening profile"),
        ["sector"] = ("Sector", "Sector"),
        ["mandatory"] = ("Wettelijk verplicht", "Legally mandatory"),
        ["screening"] = ("Screeningsresultaat", "Screening result"),
        ["queue"] = ("Wachtrij", "Queue"),
        ["class"] = ("Prioriteitsklasse", "Priority class"),
        ["received"] = ("Ontvangen", "Received"),
        ["legal-deadline"] = ("Wettelijke beslistermijn", "Legal deadline"),
        ["promise"] = ("Servicebelofte", "Service promise"),
        ["due"] = ("Uiterste datum", "Due"),
        ["days-left"] = ("Dagen over", "Days left"),
        ["suspended-days"] = ("Opgeschorte dagen", "Suspended days"),
        ["penalty"] = ("Dwangsomrisico", "Penalty exposure"),
        ["rules"] = ("Toegepaste regels", "Rules applied"),
        ["decide"] = ("Besluiten", "Decide"),
        ["issue"] = ("Afgeven", "Issue"),
        ["release"] = ("Teruggeven aan de wachtrij", "Release to the queue"),
        ["refuse"] = ("Weigeren", "Refuse"),
        ["intend-to-refuse"] = ("Voornemen tot weigering", "Intend to refuse"),
        ["refusal-reason"] = ("Reden van het voornemen", "Reason for the intent"),
        ["refusal-intent"] = ("Voornemen tot weigering", "Intent to refuse"),
        ["intended-by"] = ("Voorgenomen door", "Intended by"),
        ["hearing-ends"] = ("Zienswijzetermijn tot en met", "Hearing period through"),
        ["hearing-response"] = ("Zienswijze ontvangen", "Response received"),
        ["record-response"] = ("Zienswijze ontvangen vastleggen", "Record the applicant's response"),
        ["request-information"] = ("Aanvulling vragen", "Request information"),
        ["information-days"] = ("Termijn voor aanvulling (dagen)", "Period for the information (days)"),
        ["reason"] = ("Reden", "Reason"),
        ["decided"] = ("Besloten", "Decided"),
        ["outcome"] = ("Besluit", "Decision"),
        ["back"] = ("Terug naar mijn taken", "Back to my tasks"),
        ["status"] = ("Status", "Status"),
        ["none"] = ("geen", "none"),
        ["risk-overdue"] = ("termijn verstreken", "overdue"),
        ["risk-soon"] = ("binnen 7 dagen", "within 7 days"),
        ["risk-ok"] = ("op tijd", "on time"),

        // Codes shown as values: case status, mandatory status, screening result.
        ["v:Received"] = ("Ontvangen", "Received"),
        ["v:Screened"] = ("Gescreend", "Screened"),
        ["v:AwaitingReview"] = ("Wacht op beoordeling", "Awaiting review"),
        ["v:Decided"] = ("Besloten", "Decided"),
        ["v:mandatory"] = ("ja", "yes"),
        ["v:not-mandatory"] = ("nee", "no"),
        ["v:unknown"] = ("onbekend (behandeld als verplicht)", "unknown (treated as mandatory)"),
        ["v:record"] = ("antecedent gevonden", "record found"),
        ["v:issue"] = ("afgegeven", "issued"),
        ["v:refuse"] = ("geweigerd", "refused"),
        ["v:withdrawn"] = ("ingetrokken", "withdrawn"),
        ["v:no-record"] = ("geen antecedent", "no record"),
    };

    /// <summary>A code shown as a value, in words; the code itself when it has no translation.</summary>
    public static string Value(string language, string code) =>
        Texts.TryGetValue("v:" + code, out var text) ? (language == "en" ? text.En : text.Nl) : code;

    public static IEnumerable<string> Keys => Texts.Keys;

    public static string Get(string language, string key) =>
        Texts.TryGetValue(key, out var text) ? (language == "en" ? text.En : text.Nl) : $"[{key}]";
}
