using HealingCompass.Domain.Journal;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Domain.Tests.Journal;

public sealed class EntryRulesTests
{
    private readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));

    private static EntryContent Valid => new() { WhatHappened = "They read my messages without asking." };

    [Fact]
    public void An_entry_with_only_what_happened_is_valid()
    {
        Assert.Empty(EntryRules.Validate(Valid, Clock));
    }

    [Fact]
    public void An_empty_entry_gets_a_kind_message_on_what_happened()
    {
        var problem = Assert.Single(EntryRules.Validate(new EntryContent { WhatHappened = "   " }, Clock));
        Assert.Equal(nameof(EntryContent.WhatHappened), problem.Field);
        Assert.Contains("Everything else can stay empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_over_the_limit_says_the_limit_and_that_nothing_is_lost()
    {
        var problem = Assert.Single(EntryRules.Validate(Valid with { WhatHappened = new string('a', EntryRules.WhatHappenedMaxLength + 1) }, Clock));
        Assert.Contains("20,000", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing has been lost", problem.Message, StringComparison.Ordinal);
        Assert.Empty(EntryRules.Validate(Valid with { WhatHappened = new string('a', EntryRules.WhatHappenedMaxLength) }, Clock));
    }

    [Fact]
    public void Every_other_text_field_has_its_limit()
    {
        var tooLong = new string('b', EntryRules.OtherTextMaxLength + 1);
        var content = Valid with
        {
            WordsSaid = tooLong, HowItFelt = tooLong, WhatIDid = tooLong, Witnesses = tooLong, Injuries = tooLong,
            Report = tooLong, ReportNumber = tooLong, Place = tooLong, OtherEvidence = tooLong,
        };
        Assert.Equal(9, EntryRules.Validate(content, Clock).Count);
    }

    [Fact]
    public void A_day_after_tomorrow_on_the_servers_clock_is_in_the_future_and_tomorrow_is_not()
    {
        // Tomorrow may already be today for someone east of UTC.
        Assert.Empty(EntryRules.Validate(Valid with { Happened = new HappenedAt(new DateOnly(2026, 6, 11)) }, Clock));
        var problem = Assert.Single(EntryRules.Validate(Valid with { Happened = new HappenedAt(new DateOnly(2026, 6, 12)) }, Clock));
        Assert.Contains("still to come", problem.Message, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromDays(2)); // the same day is fine once it has come
        Assert.Empty(EntryRules.Validate(Valid with { Happened = new HappenedAt(new DateOnly(2026, 6, 12)) }, Clock));
    }

    [Fact]
    public void A_range_ending_before_it_starts_is_refused_kindly()
    {
        var problem = Assert.Single(EntryRules.Validate(Valid with { Happened = new HappenedAt(new DateOnly(2026, 5, 10), End: new DateOnly(2026, 5, 1)) }, Clock));
        Assert.Contains("before the first day", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_outside_one_to_five_and_unknown_categories_are_refused()
    {
        Assert.Single(EntryRules.Validate(Valid with { Severity = 6 }, Clock));
        Assert.Single(EntryRules.Validate(Valid with { Categories = ["not.a.category"] }, Clock));
        Assert.Empty(EntryRules.Validate(Valid with { Severity = 5, Categories = [.. JournalCategories.All.Select(c => c.Id)] }, Clock));
    }

    [Fact]
    public void Categories_reuse_the_assessments_ids_where_it_has_them()
    {
        var catalog = HealingCompass.Domain.Content.ContentCatalog.Default;
        foreach (var id in new[] { "pattern.gaslighting", "pattern.isolation", "pattern.control", "pattern.contempt", "pattern.boundary_crossing" })
        {
            Assert.True(JournalCategories.IsKnown(id));
        }
        Assert.NotNull(catalog);
        Assert.Equal(14, JournalCategories.All.Count);
        Assert.Equal(JournalCategories.All.Count, JournalCategories.All.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }
}
