using System.Net;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The account pages as the real app serves them (in Development, where an exception would show the
/// developer page with its stack trace): privacy headers, and kind answers to bad or hostile input.
/// </summary>
public sealed class AccountPagesTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    public static TheoryData<string> PublicPages => ["/account/login", "/account/register", "/account/recover"];

    public static TheoryData<string> SignedInPages => ["/account", "/account/password", "/account/unlock"];

    private const string RecoveryKeyLike = "0000-0000-0000-0000-0000-0000-0000-0000";

    private static readonly string LongUserName = new('a', 2_000);

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Account_forms_are_never_stored_and_allow_content_from_the_apps_own_origin_only(string path)
    {
        using var client = app.NewClient();

        var page = await client.GetFormAsync(path);

        AssertPrivacyHeaders(page);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        Assert.Contains(page.Forms, f => f.Hidden.ContainsKey(AccountFormClient.AntiforgeryField));
    }

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Pages_for_a_signed_in_person_carry_the_same_privacy_headers(string path)
    {
        var (client, _, _) = await app.SignUpAsync("headers");
        using (client)
        {
            var page = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            AssertPrivacyHeaders(page);
        }
    }

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Pages_for_a_signed_in_person_send_everyone_else_to_sign_in(string path)
    {
        using var client = app.NewClient();

        var page = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, page.Status);
        Assert.Contains("/account/login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_answer_is_never_stored_either()
    {
        using var client = app.NewClient();

        var page = await client.SignInAsync(AccountsApp.NewUserName("nobody"), "a password that opens nothing");

        AssertPrivacyHeaders(page);
        AssertNoTechnicalDetail(page);
    }

    [Fact]
    public async Task An_empty_sign_in_form_gets_kind_field_messages_and_no_stack_trace()
    {
        using var client = app.NewClient();

        var page = await client.PostFormAsync("/account/login", "sign-in", []);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Please enter your username.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Please enter your password.", page.Text, StringComparison.Ordinal);
        AssertNoTechnicalDetail(page);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task Empty_sign_up_and_recovery_forms_get_kind_field_messages_and_no_stack_trace()
    {
        using var client = app.NewClient();

        var register = await client.PostFormAsync("/account/register", "register", []);
        var recover = await client.PostFormAsync("/account/recover", "recover", []);

        Assert.Contains("Please choose a username.", register.Text, StringComparison.Ordinal);
        Assert.Contains("Please choose a password.", register.Text, StringComparison.Ordinal);
        Assert.Contains("Please confirm you understand how the recovery key works.", register.Text, StringComparison.Ordinal);
        Assert.Contains("Please enter your recovery key.", recover.Text, StringComparison.Ordinal);
        foreach (var page in new[] { register, recover })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            AssertNoTechnicalDetail(page);
        }
    }

    [Fact]
    public async Task A_2000_character_username_is_refused_kindly_by_sign_in_and_sign_up()
    {
        using var client = app.NewClient();

        var signIn = await client.SignInAsync(LongUserName, AccountsApp.Password);
        var register = await client.RegisterAsync(LongUserName, AccountsApp.Password);

        Assert.Contains("Usernames are at most 64 characters.", signIn.Text, StringComparison.Ordinal);
        Assert.Contains("A username needs 3 to 64 characters.", register.Text, StringComparison.Ordinal);
        foreach (var page in new[] { signIn, register })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            AssertNoTechnicalDetail(page);
            Assert.DoesNotContain(LongUserName, page.Text, StringComparison.Ordinal); // not echoed back as text
            Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        }
    }

    [Theory]
    [InlineData("/account/recover", "recover", "Input.UserName", 2_000)]
    [InlineData("/account/recover", "recover", "Input.RecoveryKey", 2_000)]
    [InlineData("/account/login", "sign-in", "Input.Password", 1_100)]
    public async Task Over_long_input_gets_a_message_written_for_people_and_no_stack_trace(string path, string formName, string field, int length)
    {
        using var client = app.NewClient();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = "someone",
            ["Input.Password"] = AccountsApp.Password,
            ["Input.RecoveryKey"] = RecoveryKeyLike,
            ["Input.NewPassword"] = AccountsApp.Password,
            ["Input.ConfirmPassword"] = AccountsApp.Password,
            [field] = new string('a', length),
        };

        var page = await client.PostFormAsync(path, formName, fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertNoTechnicalDetail(page);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        // Field messages are written for people; the framework's default names the C# property instead,
        // e.g. "The field UserName must be a string with a maximum length of 64."
        Assert.DoesNotContain("The field ", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_signs_no_one_in()
    {
        var (first, userName, _) = await app.SignUpAsync("forged");
        first.Dispose();
        using var client = app.NewClient();

        var page = await client.PostRawAsync("/account/login", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AccountFormClient.HandlerField] = "sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = AccountsApp.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.SetCookie(AccountsApp.SessionCookie));
        AssertNoTechnicalDetail(page);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task A_post_naming_no_form_on_the_page_is_refused_without_a_stack_trace()
    {
        using var client = app.NewClient();
        var form = Assert.Single((await client.GetFormAsync("/account/login")).Forms);
        var fields = new Dictionary<string, string>(form.Hidden, StringComparer.Ordinal) { [AccountFormClient.HandlerField] = "no-such-form" };

        var page = await client.PostRawAsync("/account/login", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        AssertNoTechnicalDetail(page);
    }

    internal static void AssertPrivacyHeaders(PageResponse page)
    {
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    /// <summary>No exception, stack trace or developer page: the app runs in Development here, so one would show.</summary>
    internal static void AssertNoTechnicalDetail(PageResponse page)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, page.Status);
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("stack trace", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("StackTrace", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", page.Html, StringComparison.Ordinal);
    }
}
