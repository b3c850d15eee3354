using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Refuses passwords that are easy to guess, the way OWASP ASVS 5.0 asks: a list of common passwords shipped
/// with the app, simple patterns, and the username. It never asks for digits, symbols or capitals: length and
/// unpredictability matter, composition rules only push people towards "Password1!".
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>The checks themselves live in <see cref="CommonPasswordValidator.Check"/>, so tests need no user store.</remarks>
public sealed class CommonPasswordValidator<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    public async Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var userName = await manager.GetUserNameAsync(user).ConfigureAwait(false);
        var errors = CommonPasswordValidator.Check(userName, password);
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}

/// <summary>The checks behind <see cref="CommonPasswordValidator{TUser}"/> and the list they read.</summary>
public static class CommonPasswordValidator
{
    /// <summary>
    /// The longest password accepted. ASVS asks that at least 64 characters be accepted; the cap only bounds
    /// the work one attempt can cause (the form post, this check, Argon2id and PBKDF2 over the password).
    /// </summary>
    public const int MaximumLength = 1024;

    /// <summary>The embedded list's name (the csproj gives it this LogicalName).</summary>
    internal const string ResourceName = "HealingCompass.Web.Accounts.common-passwords.txt";

    /// <summary>Pattern checks apply to a password, or a part of it, at least this long (the minimum length).</summary>
    internal const int PatternMinimumLength = 8;

    /// <summary>
    /// Roots that the shipped list holds only with digits added, or not at all, so that "Password123!" and
    /// "Monkey2024" are refused through the stripped form. The app's own name is the most obvious guess of all.
    /// </summary>
    internal static readonly string[] BuiltIn =
    [
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "iloveyou", "letmein", "welcome",
        "admin", "monkey", "dragon", "sunshine", "football", "baseball", "princess", "trustno1", "changeme",
        "healingcompass",
    ];

    private static readonly Lazy<Refused> Common = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly IdentityError TooLongError = new()
    {
        Code = "PasswordTooLong",
        Description = "That password is longer than 1,024 characters. A phrase of a few words is plenty, so please choose a shorter one.",
    };

    private static readonly IdentityError CommonError = new()
    {
        Code = "CommonPassword",
        Description = "That password is one of the most common, so it would be easy to guess. A longer phrase of a few unrelated words works well.",
    };

    private static readonly IdentityError PatternError = new()
    {
        Code = "PasswordIsPattern",
        Description = "That password is a simple pattern, like one character repeated or 12345678, so it would be easy to guess. A phrase of a few unrelated words works well.",
    };

    private static readonly IdentityError UserNameError = new()
    {
        Code = "PasswordIsUserName",
        Description = "That password is your username, so anyone who knows your username could guess it. Please choose something different.",
    };

    /// <summary>The errors for this password, or none. Each kind of error appears at most once.</summary>
    /// <param name="userName">The account's username, if known.</param>
    /// <param name="password">The password as typed.</param>
    public static IReadOnlyList<IdentityError> Check(string? userName, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length > MaximumLength)
        {
            // Nothing else is looked at: the other checks need not run over an oversized input.
            return [TooLongError];
        }

        var errors = new List<IdentityError>(3);
        if (IsInList(password))
        {
            errors.Add(CommonError);
        }
        if (IsSimplePattern(password))
        {
            errors.Add(PatternError);
        }
        if (IsUserNameOrCloseTo(userName, password))
        {
            errors.Add(UserNameError);
        }
        return errors;
    }

    /// <summary>
    /// True when the password, ignoring case, is in the list, or becomes a list entry once digits and symbols
    /// are taken off its end ("password1234", "trustno1!!"), or off both ends ("123password!").
    /// </summary>
    internal static bool IsInList(string password)
    {
        var (set, longest) = Common.Value;
        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = password.AsSpan();

        // Shorten one trailing non-letter at a time, so an entry that itself ends in a digit still matches.
        // Nothing longer than the longest entry can match, which keeps the work small for long passwords.
        for (var end = text.Length; end > 0; end--)
        {
            if (end <= longest && lookup.Contains(text[..end]))
            {
                return true;
            }
            if (char.IsLetter(text[end - 1]))
            {
                break;
            }
        }

        var core = TrimNonLetters(text);
        return core.Length > 0 && core.Length <= longest && lookup.Contains(core);
    }

    /// <summary>
    /// True for one character repeated ("aaaaaaaa", "11111111"), a short block repeated ("abcabcabc"), or a run
    /// up or down the alphabet or the digits ("12345678", "abcdefgh", "87654321"), ignoring case. Also checked
    /// with symbols or digits trimmed off the ends, when what is left is still at least 8 characters long.
    /// </summary>
    internal static bool IsSimplePattern(string password)
    {
        var text = password.AsSpan();
        return IsPattern(text)
            || IsLongPattern(TrimWhile(text, IsSymbol))
            || IsLongPattern(TrimNonLetters(text));

        static bool IsLongPattern(ReadOnlySpan<char> part) => part.Length >= PatternMinimumLength && IsPattern(part);
    }

    /// <summary>The entries of the shipped list file, in file order, without the comment line.</summary>
    internal static IReadOnlyList<string> ReadListFile()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The common-password list is missing: embed Accounts/common-passwords.txt with LogicalName {ResourceName}.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                entries.Add(line);
            }
        }
        return entries;
    }

    /// <summary>Everything the check refuses by name: the shipped list plus <see cref="BuiltIn"/>.</summary>
    internal static IReadOnlySet<string> CommonPasswords => Common.Value.Set;

    private static Refused Load()
    {
        var set = new HashSet<string>(ReadListFile(), StringComparer.OrdinalIgnoreCase);
        set.UnionWith(BuiltIn);
        return new Refused(set, set.Max(e => e.Length));
    }

    private static bool IsUserNameOrCloseTo(string? userName, string password)
    {
        var name = userName.AsSpan().Trim();
        if (name.IsEmpty)
        {
            return false;
        }
        // The username itself, or with digits and symbols around it ("alex", " Alex ", "alex1990!").
        var text = password.AsSpan();
        var nameCore = TrimNonLetters(name);
        return text.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)
            || (!nameCore.IsEmpty && TrimNonLetters(text).Equals(nameCore, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPattern(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return text.Length == 1;
        }
        return IsRepeatedBlock(text) || IsRun(text, +1) || IsRun(text, -1);
    }

    /// <summary>The whole text is one block of 1 to 4 characters repeated: "aaaa", "abab", "abcabc", "asdfasdf".</summary>
    private static bool IsRepeatedBlock(ReadOnlySpan<char> text)
    {
        for (var block = 1; block <= 4 && block * 2 <= text.Length; block++)
        {
            var repeats = true;
            for (var i = block; i < text.Length && repeats; i++)
            {
                repeats = char.ToLowerInvariant(text[i]) == char.ToLowerInvariant(text[i - block]);
            }
            if (repeats)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Each character is the one after (step +1) or before (step -1) the previous one.</summary>
    private static bool IsRun(ReadOnlySpan<char> text, int step)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (char.ToLowerInvariant(text[i]) - char.ToLowerInvariant(text[i - 1]) != step)
            {
                return false;
            }
        }
        return true;
    }

    private static ReadOnlySpan<char> TrimNonLetters(ReadOnlySpan<char> text) => TrimWhile(text, c => !char.IsLetter(c));

    private static bool IsSymbol(char c) => !char.IsLetterOrDigit(c);

    private static ReadOnlySpan<char> TrimWhile(ReadOnlySpan<char> text, Func<char, bool> strip)
    {
        var start = 0;
        while (start < text.Length && strip(text[start]))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && strip(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    /// <summary>The refused names and the length of the longest, past which no lookup can match.</summary>
    private sealed record Refused(HashSet<string> Set, int Longest);
}
