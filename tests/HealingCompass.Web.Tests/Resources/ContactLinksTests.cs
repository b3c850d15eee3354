using HealingCompass.Domain.Resources;
using HealingCompass.Web.Resources;

namespace HealingCompass.Web.Tests.Resources;

public sealed class ContactLinksTests
{
    [Theory]
    [InlineData("0808 2000 247", "tel:08082000247")]
    [InlineData("116 123", "tel:116123")]
    [InlineData("1-800-799-7233", "tel:18007997233")]
    [InlineData("+1 800 799 7233", "tel:+18007997233")]
    [InlineData("+44 (0)808 2000 247", "tel:+448082000247")]
    [InlineData("999", "tel:999")]
    public void A_display_number_becomes_a_tel_link_of_its_digits(string number, string expected)
    {
        Assert.Equal(expected, ContactLinks.Tel(number));
    }

    [Fact]
    public void Only_a_leading_plus_is_kept()
    {
        Assert.Equal("tel:+441234", ContactLinks.Tel("+44 12+34"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("REFUGE")]
    public void Something_with_no_digits_gives_no_link(string? number)
    {
        Assert.Null(ContactLinks.Tel(number));
    }

    [Fact]
    public void A_number_shown_with_its_letters_dials_only_the_number()
    {
        // New Zealand's Women's Refuge is listed as "0800 733 843 (0800 REFUGE)": the words in brackets
        // repeat the number as letters and must not add digits to the link.
        Assert.Equal("tel:0800733843", ContactLinks.Tel("0800 733 843 (0800 REFUGE)"));
    }

    [Fact]
    public void Every_listed_phone_number_gives_a_link_that_dials_only_its_own_digits()
    {
        var phones = ResourceDirectory.Default.Regions
            .SelectMany(r => r.Contacts)
            .SelectMany(c => new[] { c.Phone, c.Tty })
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(phones);

        Assert.All(phones, phone =>
        {
            var link = ContactLinks.Tel(phone);
            Assert.NotNull(link);
            Assert.Matches(@"^tel:\+?\d{3,15}$", link);
        });
    }

    [Fact]
    public void Essentials_are_only_verified_domestic_abuse_or_crisis_contacts()
    {
        foreach (var region in ResourceDirectory.Default.Regions)
        {
            var essentials = ContactLinks.Essentials(region, int.MaxValue);

            Assert.All(essentials, c =>
            {
                Assert.True(c.IsVerified, $"{c.Id} is not verified.");
                Assert.True(c.Topics.Contains(ContactTopic.DomesticAbuse) || c.Topics.Contains(ContactTopic.Crisis), $"{c.Id} is neither domestic abuse nor crisis.");
            });
            var expected = region.Contacts
                .Where(c => c.IsVerified && (c.Topics.Contains(ContactTopic.DomesticAbuse) || c.Topics.Contains(ContactTopic.Crisis)))
                .Select(c => c.Id);
            Assert.Equal(expected, essentials.Select(c => c.Id));
        }
    }

    [Fact]
    public void Essentials_leave_out_unconfirmed_and_other_kinds_of_contact()
    {
        ResourceDirectory.Default.TryGetRegion("region.uk", out var uk);

        var ids = ContactLinks.Essentials(uk!, int.MaxValue).Select(c => c.Id).ToList();

        Assert.Contains("contact.uk.national_da_helpline", ids);
        Assert.Contains("contact.uk.samaritans", ids);
        Assert.DoesNotContain("contact.uk.mens_advice_line", ids); // domestic abuse, but unconfirmed
        Assert.DoesNotContain("contact.uk.rape_crisis_ew", ids); // sexual violence only, and unconfirmed
    }

    [Fact]
    public void Essentials_keep_the_directory_order_and_stop_at_the_limit()
    {
        ResourceDirectory.Default.TryGetRegion("region.uk", out var uk);

        var three = ContactLinks.Essentials(uk!, 3);

        Assert.Equal(ContactLinks.Essentials(uk!, int.MaxValue).Take(3), three);
        Assert.Equal("contact.uk.national_da_helpline", three[0].Id);
    }
}
