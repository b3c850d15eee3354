using HealingCompass.Web.Safety;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Tests.Safety;

public sealed class QuickExitOptionsTests
{
    [Theory]
    [InlineData("https://www.bbc.co.uk/weather")]
    [InlineData("http://example.org/")]
    public void An_absolute_web_address_is_a_safe_quick_exit(string url)
    {
        Assert.True(QuickExitOptions.IsSafeUrl(url));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hello")]
    [InlineData("/weather")]
    [InlineData("ftp://example.org/")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? url)
    {
        Assert.False(QuickExitOptions.IsSafeUrl(url));
    }

    [Fact]
    public void The_default_is_an_ordinary_weather_page()
    {
        var options = new QuickExitOptions();

        Assert.True(QuickExitOptions.IsSafeUrl(options.NeutralUrl));
        Assert.Equal("QuickExit", QuickExitOptions.SectionName);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/weather")]
    public void The_app_refuses_to_start_with_an_unsafe_quick_exit_address(string url)
    {
        using var app = new AppFactory { NeutralUrl = url };

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        var validation = Flatten(error).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(validation is not null, $"Expected an options validation failure, got: {error}");
        Assert.Contains("QuickExit:NeutralUrl", validation.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
