namespace BacklogFlow.Domain.Applicants;

/// <summary>
/// Applicant references must be pseudonymous. A citizen service number (BSN: nine digits passing the
/// eleven-test) in the clear is refused at intake so it never reaches the database or the logs.
/// </summary>
public static class ApplicantReference
{
    public static bool LooksLikeCitizenServiceNumber(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var digits = reference.Where(char.IsAsciiDigit).ToArray();
        var onlyDigitsAndSeparators = reference.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-');
        if (!onlyDigitsAndSeparators || digits.Length != 9)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }

        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }
}
