using HealingCompass.Data.Accounts;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Plans;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Activity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HealingCompass.Data.Tests.Accounts;

/// <summary>
/// Deleting an account reaches every table that holds a person's rows, and only that person's. The tables are
/// found from the EF model, so a table added later with a user id (or a foreign key to the user, or to one of
/// their rows) fails here by name until it has a seed line below, and the eraser must then clear it.
/// </summary>
public sealed class AccountEraserCoverageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One row per person for every table of the model that holds people's rows. Adding a table = adding one line.</summary>
    private static readonly Dictionary<Type, Func<Seed, object>> Seeds = new()
    {
        [typeof(ApplicationUser)] = s => new ApplicationUser { Id = s.UserId, UserName = s.Name, NormalizedUserName = s.Name.ToUpperInvariant(), SecurityStamp = s.Name },
        [typeof(UserKeyring)] = s => new UserKeyring { UserId = s.UserId, PasswordWrapped = Seed.Bytes(), RecoveryWrapped = Seed.Bytes() },
        [typeof(UserSession)] = s => new UserSession { Id = s.Name, SessionIdHash = s.Name, UserId = s.UserId, Device = "Firefox on Linux" },
        [typeof(SavedAssessment)] = s => new SavedAssessment { UserId = s.UserId, IsDraft = true, Payload = Seed.Bytes() },
        [typeof(SavedPlan)] = s => new SavedPlan { UserId = s.UserId, Payload = Seed.Bytes() },
        [typeof(CommitmentRow)] = s => new CommitmentRow { UserId = s.UserId, Payload = Seed.Bytes() },
        [typeof(CheckInRow)] = s => new CheckInRow { UserId = s.UserId, Week = new DateOnly(2026, 11, 29), Payload = Seed.Bytes() },
        [typeof(JournalEntry)] = s => new JournalEntry { Id = s.EntryId, UserId = s.UserId, State = JournalEntryState.Active, VersionCount = 1 },
        [typeof(JournalVersion)] = s => new JournalVersion { Id = s.VersionId, UserId = s.UserId, EntryId = s.EntryId, Sequence = 1, VersionNumber = 1, Kind = 1, ContentDigest = Seed.Bytes(), PreviousHash = Seed.Bytes(), Hash = Seed.Bytes() },
        [typeof(JournalContent)] = s => new JournalContent { VersionId = s.VersionId, UserId = s.UserId, Payload = Seed.Bytes() },
        [typeof(JournalHead)] = s => new JournalHead { UserId = s.UserId, Length = 1, Hash = Seed.Bytes() },
        [typeof(JournalDraft)] = s => new JournalDraft { UserId = s.UserId, RecordId = Guid.NewGuid(), Payload = Seed.Bytes() },
        [typeof(JournalAttachment)] = s => new JournalAttachment { Id = Guid.NewGuid(), UserId = s.UserId, EntryId = s.EntryId, Payload = Seed.Bytes(), WithoutMetadata = Seed.Bytes() },
        [typeof(ActivityRow)] = s => new ActivityRow { UserId = s.UserId, Kind = ActivityKind.SignedIn, Device = "Firefox on Linux" },
        [typeof(DataImport)] = s => new DataImport { UserId = s.UserId, JournalLength = 1 },
        [typeof(JournalExportRecord)] = s => new JournalExportRecord { Id = Guid.NewGuid(), UserId = s.UserId, Payload = Seed.Bytes() },
        [typeof(IdentityUserClaim<string>)] = s => new IdentityUserClaim<string> { UserId = s.UserId, ClaimType = "kind", ClaimValue = s.Name },
        [typeof(IdentityUserLogin<string>)] = s => new IdentityUserLogin<string> { UserId = s.UserId, LoginProvider = "test", ProviderKey = s.Name, ProviderDisplayName = "test" },
        [typeof(IdentityUserToken<string>)] = s => new IdentityUserToken<string> { UserId = s.UserId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = s.Name },
        [typeof(IdentityUserRole<string>)] = s => new IdentityUserRole<string> { UserId = s.UserId, RoleId = SharedRoleId },
    };

    /// <summary>Tables whose rows belong to nobody in particular; each must survive every account's deletion.</summary>
    private static readonly Dictionary<Type, Func<object>> Shared = new()
    {
        [typeof(IdentityRole)] = () => new IdentityRole { Id = SharedRoleId, Name = "helper", NormalizedName = "HELPER" },
        [typeof(IdentityRoleClaim<string>)] = () => new IdentityRoleClaim<string> { RoleId = SharedRoleId, ClaimType = "kind", ClaimValue = "shared" },
        // Attempt counts are keyed by a hash of an address or a name, not by account, and swept after a minute.
        [typeof(AttemptWindow)] = () => new AttemptWindow { Key = AttemptCounter.KeyOf("address:192.0.2.1"), Count = 1, WindowStart = 1 },
        [typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)] = () =>
            new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = "key-shared", Xml = "<key/>" },
    };

    private const string SharedRoleId = "role-shared";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Every_table_of_the_model_is_either_seeded_as_a_persons_or_named_as_shared(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, migrate: false);
        await using var db = await database.OpenAsync();
        var personal = PersonsTypes(db.Model);

        var unseeded = personal.Where(t => !Seeds.ContainsKey(t.ClrType)).Select(t => $"{t.DisplayName()} ({t.GetTableName()})").ToList();
        Assert.True(unseeded.Count == 0, $"These tables hold a person's rows but the account-delete test has no seed for them: {string.Join(", ", unseeded)}. Add one line to {nameof(Seeds)}.");
        var unnamed = db.Model.GetEntityTypes().Where(t => !personal.Contains(t) && !Shared.ContainsKey(t.ClrType)).Select(t => $"{t.DisplayName()} ({t.GetTableName()})").ToList();
        Assert.True(unnamed.Count == 0, $"These tables are in the model but neither a person's nor named as shared: {string.Join(", ", unnamed)}.");
        var stale = Seeds.Keys.Where(k => db.Model.FindEntityType(k) is null).Select(k => k.Name).ToList();
        Assert.True(stale.Count == 0, $"Seeds for types no longer in the model: {string.Join(", ", stale)}.");
        // What the eraser derives is exactly what this test finds.
        Assert.Equal(personal.Select(t => t.Name).Order(StringComparer.Ordinal), PersonalTables.Of(db.Model).Select(t => t.EntityType.Name).Order(StringComparer.Ordinal));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Deleting_one_account_leaves_it_no_row_in_any_table_and_leaves_another_accounts_rows_and_shared_rows_as_they_were(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        var a = new Seed("a-" + Guid.NewGuid().ToString("N"), "leaving.person");
        var b = new Seed("b-" + Guid.NewGuid().ToString("N"), "staying.person");
        await using (var db = await database.OpenAsync())
        {
            foreach (var make in Shared.Values)
            {
                db.Add(make());
            }
            foreach (var seed in new[] { a, b })
            {
                foreach (var make in Seeds.Values)
                {
                    db.Add(make(seed));
                }
            }
            await db.SaveChangesAsync(Cancel);
        }
        var tables = await PersonalTablesAsync(database);
        foreach (var table in tables)
        {
            Assert.True(await CountAsync(database, $"SELECT COUNT(*) FROM \"{table.Table}\";") == 2, $"{table.Table} should start with one row per person.");
        }

        Assert.True(await new AccountEraser(database.Contexts).EraseAsync(a.UserId, Cancel));

        foreach (var table in tables)
        {
            // One row left, and it is the other person's: nothing of the deleted account, nothing of theirs lost.
            Assert.True(await CountAsync(database, $"SELECT COUNT(*) FROM \"{table.Table}\";") == 1, $"{table.Table} should hold only the other person's row after the delete.");
            Assert.True(await CountAsync(database, table.CountSql, b.UserId) == 1, $"{table.Table} lost the other person's row.");
            Assert.True(await CountAsync(database, table.CountSql, a.UserId) == 0, $"{table.Table} still holds a row of the deleted account.");
        }
        await using (var db = await database.OpenAsync())
        {
            Assert.Equal(1, await db.Roles.CountAsync(Cancel));
            Assert.Equal(1, await db.RoleClaims.CountAsync(Cancel));
            Assert.Equal(b.Name, (await db.Users.SingleAsync(Cancel)).UserName);
        }
        Assert.False(await new AccountEraser(database.Contexts).EraseAsync(a.UserId, Cancel)); // a second time there is nothing to delete
    }

    /// <summary>
    /// The test's own reading of the model, kept apart from the eraser's: a type is a person's when it has a
    /// foreign key to the user or a UserId property, or a foreign key to a type that is a person's.
    /// </summary>
    private static HashSet<IEntityType> PersonsTypes(IModel model)
    {
        var user = model.FindEntityType(typeof(ApplicationUser))!;
        var found = new HashSet<IEntityType> { user };
        bool grew;
        do
        {
            grew = false;
            foreach (var type in model.GetEntityTypes().Where(t => !found.Contains(t)))
            {
                if (type.FindProperty("UserId") is not null || type.GetForeignKeys().Any(fk => found.Contains(fk.PrincipalEntityType)))
                {
                    grew |= found.Add(type);
                }
            }
        }
        while (grew);
        return found;
    }

    private static async Task<IReadOnlyList<PersonalTable>> PersonalTablesAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        return PersonalTables.Of(db.Model);
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql, string? userId = null)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (userId is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = PersonalTables.UserParameter;
            parameter.Value = userId;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What one person's seed rows share: their id, a name, and the ids their rows point at.</summary>
    private sealed record Seed(string UserId, string Name)
    {
        public Guid EntryId { get; } = Guid.NewGuid();

        public Guid VersionId { get; } = Guid.NewGuid();

        public static byte[] Bytes() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(48);
    }
}
