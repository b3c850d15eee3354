using System.Text;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Domain.Tests.Journal;

/// <summary>
/// Builds a person's chain from random operations the way the store does, keeping each version's salt and
/// content beside it (as the encrypted content rows do), so the verifier can check content.
/// </summary>
internal sealed class ChainBuilder
{
    private readonly Random random;
    private readonly Dictionary<Guid, (int Last, VersionKind Kind)> entries = [];
    private DateTimeOffset clock = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public ChainBuilder(int seed) => random = new Random(seed);

    public List<ChainVersion> Versions { get; } = [];

    /// <summary>Salt and content per version id; absent once erased.</summary>
    public Dictionary<Guid, (byte[] Salt, byte[] Content)> Contents { get; } = [];

    public ChainHead? Head { get; private set; }

    public IReadOnlyCollection<Guid> EntryIds => entries.Keys;

    public static ChainBuilder Random(int seed, int operations)
    {
        var builder = new ChainBuilder(seed);
        for (var i = 0; i < operations; i++)
        {
            builder.Step();
        }
        return builder;
    }

    public void Step()
    {
        var open = entries.Where(e => e.Value.Kind is VersionKind.Create or VersionKind.Edit).Select(e => e.Key).ToList();
        var removed = entries.Where(e => e.Value.Kind is VersionKind.Remove).Select(e => e.Key).ToList();
        var pick = random.Next(10);
        if (open.Count == 0 || pick < 4)
        {
            Write(Guid.NewGuid(), VersionKind.Create);
        }
        else if (pick < 7)
        {
            Write(open[random.Next(open.Count)], VersionKind.Edit);
        }
        else if (pick < 8)
        {
            Write(open[random.Next(open.Count)], VersionKind.Remove);
        }
        else
        {
            var candidates = open.Concat(removed).ToList();
            Erase(candidates[random.Next(candidates.Count)]);
        }
    }

    public ChainVersion Write(Guid entryId, VersionKind kind)
    {
        clock = clock.AddMinutes(random.Next(0, 3000)).AddMilliseconds(random.Next(1000));
        var content = kind is VersionKind.Erase or VersionKind.Remove ? [] : Encoding.UTF8.GetBytes($"Entry {entryId:N} written at {clock:O}, note {random.Next()}");
        var salt = VersionChain.NewSalt();
        entries.TryGetValue(entryId, out var entry);
        var version = VersionChain.Append(Head, Guid.NewGuid(), entryId, entry.Last + 1, clock, kind, VersionChain.ContentDigest(salt, content));
        Versions.Add(version);
        if (kind != VersionKind.Erase)
        {
            Contents[version.Id] = (salt, content);
        }
        entries[entryId] = (entry.Last + 1, kind);
        Head = new ChainHead(version.Sequence, version.Hash);
        return version;
    }

    /// <summary>Erase for good: every earlier version's content and salt go; an erase version is added.</summary>
    public void Erase(Guid entryId)
    {
        foreach (var v in Versions.Where(v => v.EntryId == entryId))
        {
            Contents.Remove(v.Id);
        }
        Write(entryId, VersionKind.Erase);
    }

    public ContentCheck Check(ChainVersion version) =>
        !Contents.TryGetValue(version.Id, out var stored)
            ? (version.Kind is VersionKind.Erase || IsErased(version.EntryId) ? ContentCheck.Erased : ContentCheck.DoesNotMatch)
            : VersionChain.Same(VersionChain.ContentDigest(stored.Salt, stored.Content), version.ContentDigest) ? ContentCheck.Matches : ContentCheck.DoesNotMatch;

    public ChainReport Verify(IReadOnlyList<ChainVersion>? versions = null, ChainHead? head = null) =>
        ChainVerifier.Verify(versions ?? Versions, head ?? Head, Check, EntryIds);

    private bool IsErased(Guid entryId) => entries.TryGetValue(entryId, out var e) && e.Kind == VersionKind.Erase;
}
