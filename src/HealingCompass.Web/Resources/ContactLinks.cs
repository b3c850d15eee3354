using System.Text;
using HealingCompass.Domain.Resources;

namespace HealingCompass.Web.Resources;

/// <summary>Turns the directory's display strings into links a phone can act on.</summary>
public static class ContactLinks
{
    /// <summary>A <c>tel:</c> link for a display number such as "0808 2000 247", or null if it has no digits.</summary>
    public static string? Tel(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }
        var digits = new StringBuilder(number.Length);
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (char.IsAsciiLetter(c))
            {
                break;
            }
            if (c == '(')
            {
                var close = number.IndexOf(')', i);
                var group = close < 0 ? number[(i + 1)..] : number[(i + 1)..close];
                // "(0800 REFUGE)" spells the number out again: the dialable part has ended.
                if (group.Any(char.IsAsciiLetter))
                {
                    break;
                }
                // "+44 (0)808…": the bracketed trunk zero is not dialled after a country code.
                if (group == "0" && digits.Length > 0 && digits[0] == '+')
                {
                    i = close;
                    continue;
                }
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
        }
        return digits.Length == 0 ? null : "tel:" + digits;
    }

    /// <summary>The contacts to show where space is short: verified domestic-abuse and crisis lines first.</summary>
    public static IReadOnlyList<Contact> Essentials(Region region, int max)
    {
        ArgumentNullException.ThrowIfNull(region);
        return [.. region.Contacts
            .Where(c => c.IsVerified && (c.Topics.Contains(ContactTopic.DomesticAbuse) || c.Topics.Contains(ContactTopic.Crisis)))
            .Take(max)];
    }
}
