using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Tests.Accounts;

public sealed class CommonPasswordValidatorTests
{
    private const string Sentence = "the kettle sings while rain taps on the old kitchen window and the cat sleeps ";

    [Fact]
    public void Password1234_is_refused_as_a_common_password()
    {
        var errors = CommonPasswordValidator.Check("someone", "password1234");

        Assert.Contains(errors, e => e.Code == "CommonPassword");
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop")]
    [InlineData("QWERTYUIOP")]
    [InlineData("iloveyou")]
    [InlineData("baseball2024")]
    [InlineData("trustno1!!")]
    [InlineData("123password!")]
    [InlineData("Monkey2024")]
    [InlineData("HealingCompass2026!")]
    public void Common_passwords_are_refused_whatever_their_case_and_the_digits_or_symbols_around_them(string password)
    {
        var errors = CommonPasswordValidator.Check("someone", password);

        Assert.Contains(errors, e => e.Code == "CommonPassword");
    }

    [Theory]
    [InlineData("11111111")]
    [InlineData("12345678")]
    [InlineData("87654321")]
    [InlineData("aaaaaaaa")]
    [InlineData("AbCdEfGh")]
    [InlineData("zyxwvuts")]
    [InlineData("abcabcabcabc")]
    [InlineData("12345678!")]
    [InlineData("aaaaaaaaaa1")]
    public void One_character_repeated_and_simple_runs_are_refused(string password)
    {
        var errors = CommonPasswordValidator.Check("someone", password);

        Assert.Contains(errors, e => e.Code is "PasswordIsPattern" or "CommonPassword");
        Assert.True(CommonPasswordValidator.IsSimplePattern(password), $"Expected '{password}' to be a simple pattern.");
    }

    [Theory]
    [InlineData("river.song", "river.song")]
    [InlineData("river.song", "River.Song")]
    [InlineData("Marguerite", "marguerite1990!")]
    public void The_username_is_refused_as_a_password(string userName, string password)
    {
        var errors = CommonPasswordValidator.Check(userName, password);

        Assert.Contains(errors, e => e.Code == "PasswordIsUserName");
    }

    [Fact]
    public void A_phrase_that_merely_contains_the_username_is_accepted()
    {
        Assert.Empty(CommonPasswordValidator.Check("alex", "alex walks the long way home by the river"));
    }

    [Fact]
    public void A_username_made_only_of_digits_does_not_refuse_other_digit_passwords()
    {
        Assert.Empty(CommonPasswordValidator.Check("1984", "5091 3377 2864 1120"));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Tuesday lanterns smell of oranges")]
    [InlineData("walking slowly is still walking")]
    [InlineData("ONLY CAPITALS AND NOTHING ELSE")]
    [InlineData("no digits, no capitals, still fine")]
    public void Phrases_of_unrelated_words_are_accepted_without_any_composition_rules(string password)
    {
        Assert.Empty(CommonPasswordValidator.Check("someone", password));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(CommonPasswordValidator.MaximumLength)]
    public void Long_phrases_are_accepted_up_to_the_maximum(int length)
    {
        var password = Phrase(length);

        Assert.Equal(length, password.Length);
        Assert.Empty(CommonPasswordValidator.Check("someone", password));
    }

    [Fact]
    public void A_password_over_1024_characters_is_refused_with_a_reason()
    {
        var errors = CommonPasswordValidator.Check("someone", Phrase(CommonPasswordValidator.MaximumLength + 1));

        var error = Assert.Single(errors);
        Assert.Equal("PasswordTooLong", error.Code);
        Assert.Contains("1,024", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("мой кот любит спать на подоконнике")]
    [InlineData("私の猫は窓辺で眠るのが好き")]
    [InlineData("Ça se fait doucement, à la légère")]
    [InlineData("κάθε πρωί πίνω τσάι στον κήπο")]
    [InlineData("قطتي تحب النوم قرب النافذة")]
    [InlineData("🌧️ then 🌈 over the hills")]
    public void Phrases_in_any_script_are_accepted(string password)
    {
        Assert.Empty(CommonPasswordValidator.Check("someone", password));
    }

    [Fact]
    public void A_long_run_of_one_digit_is_refused_as_a_pattern()
    {
        var errors = CommonPasswordValidator.Check("someone", new string('7', CommonPasswordValidator.MaximumLength));

        Assert.Contains(errors, e => e.Code == "PasswordIsPattern");
    }

    [Fact]
    public void Every_refusal_has_its_own_code_and_a_plain_explanation()
    {
        var errors = new[]
        {
            CommonPasswordValidator.Check("someone", "password1234"),
            CommonPasswordValidator.Check("someone", "12345678"),
            CommonPasswordValidator.Check("someone.kind", "someone.kind"),
            CommonPasswordValidator.Check("someone", Phrase(CommonPasswordValidator.MaximumLength + 1)),
        }.SelectMany(e => e).DistinctBy(e => e.Code).ToList();

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("That password ", e.Description, StringComparison.Ordinal);
            Assert.DoesNotContain("invalid", e.Description, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(
            "That password is one of the most common, so it would be easy to guess. A longer phrase of a few unrelated words works well.",
            errors.Single(e => e.Code == "CommonPassword").Description);
    }

    [Fact]
    public void The_shipped_list_has_no_entry_shorter_than_eight_characters()
    {
        var entries = CommonPasswordValidator.ReadListFile();

        Assert.True(entries.Count > 2_000, $"Expected the SecLists entries of 8+ characters, got {entries.Count}.");
        Assert.All(entries, e => Assert.True(e.Length >= 8, $"'{e}' is shorter than 8 characters."));
    }

    [Fact]
    public void The_shipped_list_is_lower_case_sorted_and_has_no_duplicates()
    {
        var entries = CommonPasswordValidator.ReadListFile();

        Assert.All(entries, e => Assert.Equal(e.ToLowerInvariant(), e));
        Assert.All(entries, e => Assert.Equal(e.Trim(), e));
        Assert.Equal(entries.Order(StringComparer.Ordinal), entries);
        Assert.Equal(entries.Count, entries.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_refused_set_adds_the_built_in_roots_to_the_list()
    {
        var refused = CommonPasswordValidator.CommonPasswords;

        Assert.All(CommonPasswordValidator.BuiltIn, root => Assert.Contains(root, refused));
        Assert.Contains("password", refused);
        Assert.Contains("PassWord", refused);
        Assert.Contains("sunshine", CommonPasswordValidator.ReadListFile());
    }

    [Fact]
    public async Task Identity_calls_the_validator_with_the_accounts_username()
    {
        using var users = new UserManager<TestUser>(
            new NameOnlyStore(),
            Options.Create(new IdentityOptions()),
            new PasswordHasher<TestUser>(),
            [],
            [new CommonPasswordValidator<TestUser>()],
            new UpperInvariantLookupNormalizer(),
            new IdentityErrorDescriber(),
            null!,
            NullLogger<UserManager<TestUser>>.Instance);
        var user = new TestUser("Willow");
        var validator = new CommonPasswordValidator<TestUser>();

        var sameAsName = await validator.ValidateAsync(users, user, "willow");
        var common = await validator.ValidateAsync(users, user, "password1234");
        var phrase = await validator.ValidateAsync(users, user, "correct horse battery staple");

        Assert.Contains(sameAsName.Errors, e => e.Code == "PasswordIsUserName");
        Assert.Contains(common.Errors, e => e.Code == "CommonPassword");
        Assert.True(phrase.Succeeded);
    }

    private static string Phrase(int length)
    {
        var text = string.Concat(Enumerable.Repeat(Sentence, (length / Sentence.Length) + 1));
        return text[..length];
    }

    private sealed record TestUser(string Name);

    /// <summary>Just enough of a user store for the validator to ask for a username.</summary>
    private sealed class NameOnlyStore : IUserStore<TestUser>
    {
        public Task<string?> GetUserNameAsync(TestUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Name);

        public Task<string> GetUserIdAsync(TestUser user, CancellationToken cancellationToken) => Task.FromResult(user.Name);

        public Task<string?> GetNormalizedUserNameAsync(TestUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetUserNameAsync(TestUser user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetNormalizedUserNameAsync(TestUser user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> CreateAsync(TestUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> UpdateAsync(TestUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> DeleteAsync(TestUser user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TestUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TestUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
