using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal;

namespace HealingCompass.CrashRun;

/// <summary>
/// The child process the run kills. It opens the data folder through the app's Data layer and calls the same
/// stores the journal and check-in pages call in the circuit: for each person, one write of each kind first,
/// then one loop writes journal entries and adds a file to every other one while another submits check-ins for
/// past weeks, all at once; the kill window starts after the first writes (its "ready"). Each write is
/// acknowledged on stdout only after its store call returned saved. It writes until it is killed (or for 30 s after "ready").
/// </summary>
internal static class Writer
{
    public const string Switch = "writer";

    /// <summary>Check-ins one writer may submit, so each cycle's weeks are its own: cycle c uses weeks c·N … c·N+N−1 back.</summary>
    public const int CheckInsPerCycle = 40;

    private static readonly Lock Output = new();

    /// <summary><c>writer &lt;data folder&gt; &lt;cycle&gt; &lt;user name&gt;…</c></summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDirectory = args[1];
        var cycle = int.Parse(args[2], CultureInfo.InvariantCulture);
        var userNames = args[3..];
        // The 30 s start only after "ready": on a loaded machine getting ready once took longer than that.
        using var stop = new CancellationTokenSource();
        await using var data = DataAccess.Open(dataDirectory);
        var people = new List<(string UserId, DataKey Key, KeptPlan Plan)>();
        foreach (var userName in userNames)
        {
            var (userId, key) = await data.UnlockAsync(userName, stop.Token);
            var plan = await data.Get<PlanStore>().LoadAsync(userId, key, stop.Token)
                ?? throw new InvalidOperationException("The person has no kept plan; the run keeps one before the first cycle.");
            people.Add((userId, key, plan));
        }
        // One write of each kind per person first (acknowledged like the rest), so the kill window is spent
        // writing rather than compiling the first insert.
        for (var i = 0; i < people.Count; i++)
        {
            await WriteEntryAsync(data, i, people[i].UserId, people[i].Key, 0, stop.Token);
            await CheckInAsync(data, i, people[i].UserId, people[i].Key, people[i].Plan, Week(cycle * CheckInsPerCycle), stop.Token);
        }
        Say("ready");
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var loops = people.SelectMany((p, i) => new[]
        {
            JournalLoopAsync(data, i, p.UserId, p.Key, stop.Token),
            CheckInLoopAsync(data, i, p.UserId, p.Key, p.Plan, cycle, stop.Token),
        });
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException)
        {
            // 30 s without being killed: the parent is gone.
        }
        foreach (var person in people)
        {
            person.Key.Dispose();
        }
        return 0;
    }

    /// <summary>The Sunday <paramref name="weeksBack"/> weeks before last week's.</summary>
    public static DateOnly Week(int weeksBack)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastSunday = today.AddDays(-(int)today.DayOfWeek - 7);
        return lastSunday.AddDays(-7 * weeksBack);
    }

    private static async Task JournalLoopAsync(DataAccess data, int person, string userId, DataKey key, CancellationToken cancellationToken)
    {
        for (var n = 1; !cancellationToken.IsCancellationRequested; n++)
        {
            await WriteEntryAsync(data, person, userId, key, n, cancellationToken);
        }
    }

    /// <summary>An entry, and on every other one a file added to it.</summary>
    private static async Task WriteEntryAsync(DataAccess data, int person, string userId, DataKey key, int n, CancellationToken cancellationToken)
    {
        var word = Word();
        var content = new EntryContent { WhatHappened = $"A calm evening, written down to see it kept ({word}).", Severity = 1 + (n % 5) };
        var saved = await data.Get<JournalStore>().CreateAsync(userId, key, content, cancellationToken);
        if (saved.Status != JournalWriteStatus.Saved)
        {
            throw new InvalidOperationException($"An entry was not saved: {saved.Status}.");
        }
        Say(new Acknowledgement(WriteKind.JournalEntry, person, saved.EntryId!.Value.ToString(), word).ToLine());
        if (n % 2 == 0)
        {
            var bytes = Pdf(word);
            using var stream = new MemoryStream(bytes);
            var added = await data.Get<JournalAttachmentStore>().AddAsync(userId, key, saved.EntryId.Value, $"note-{n}.pdf", stream, cancellationToken);
            if (!added.Saved)
            {
                throw new InvalidOperationException($"A file was not added: {added.Message}");
            }
            Say(new Acknowledgement(WriteKind.Attachment, person, added.Attachment!.Id.ToString(), Convert.ToHexStringLower(SHA256.HashData(bytes))).ToLine());
        }
    }

    private static async Task CheckInLoopAsync(DataAccess data, int person, string userId, DataKey key, KeptPlan plan, int cycle, CancellationToken cancellationToken)
    {
        for (var n = 1; n < CheckInsPerCycle && !cancellationToken.IsCancellationRequested; n++)
        {
            await CheckInAsync(data, person, userId, key, plan, Week((cycle * CheckInsPerCycle) + n), cancellationToken);
        }
    }

    private static async Task CheckInAsync(DataAccess data, int person, string userId, DataKey key, KeptPlan plan, DateOnly week, CancellationToken cancellationToken)
    {
        var word = Word();
        var answers = new CheckInAnswers { WeekFelt = 3, FeltSafe = 4, Note = $"Kept going this week ({word})." };
        var saved = await data.Get<CheckInStore>().SubmitAsync(userId, key, plan, answers, week, cancellationToken);
        if (!saved.Saved)
        {
            throw new InvalidOperationException($"A check-in was not saved: {string.Join("; ", saved.Problems.Select(p => p.Message))}");
        }
        Say(new Acknowledgement(WriteKind.CheckIn, person, week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), word).ToLine());
    }

    /// <summary>A PDF-looking file (the type is read from its first bytes) with the word, then 2–8 KB of random bytes.</summary>
    private static byte[] Pdf(string word)
    {
        var head = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {word}\n");
        var bytes = new byte[head.Length + RandomNumberGenerator.GetInt32(2048, 8192)];
        head.CopyTo(bytes, 0);
        RandomNumberGenerator.Fill(bytes.AsSpan(head.Length));
        return bytes;
    }

    private static string Word() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static void Say(string line)
    {
        lock (Output)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
