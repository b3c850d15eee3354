using HealingCompass.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HealingCompass.Data.Accounts;

/// <summary>
/// Deletes an account and every row that belongs to it, in one transaction ("Delete my account" and quick
/// wipe, ADR 15). Which tables those are is read from the EF model, not listed by hand: every table whose rows
/// point at the account (a foreign key to the user, or a <c>UserId</c> column), every table whose rows point at
/// one of those (a journal version's content, an entry's files), and Identity's own tables; children go before
/// their parents, the account row last. secure_delete overwrites the rows in the database pages, and the commit
/// checkpoints and truncates the WAL (<see cref="CheckpointAfterDelete"/>), so the bytes are gone from the
/// <c>.db</c>, <c>-wal</c> and <c>-shm</c> files, not only hidden.
/// </summary>
public sealed class AccountEraser(IDbContextFactory<HealingCompassDbContext> contexts)
{
    /// <summary>Deletes the account with this id and everything it owns.</summary>
    /// <returns>Whether there was such an account.</returns>
    public async Task<bool> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tables = PersonalTables.Of(db.Model);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accountRows = 0;
        foreach (var table in tables)
        {
            // The statement is built from the model's own table and column names; the id is a parameter.
            var deleted = await db.Database.ExecuteSqlRawAsync(table.DeleteSql, [PersonalTables.UserIdParameter(db.Database, userId)], cancellationToken);
            if (table.IsAccount)
            {
                accountRows = deleted;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return accountRows > 0;
    }
}

/// <summary>One table holding a person's rows, and how to find them.</summary>
/// <param name="EntityType">The model's entity type mapped to the table.</param>
/// <param name="Table">The table's name.</param>
/// <param name="OwnedWhere">A condition on the table selecting exactly the rows of the account named by <see cref="PersonalTables.UserParameter"/>.</param>
/// <param name="IsAccount">Whether this is the account's own table (deleted last).</param>
public sealed record PersonalTable(IEntityType EntityType, string Table, string OwnedWhere, bool IsAccount)
{
    public string DeleteSql => $"DELETE FROM {PersonalTables.Quote(Table)} WHERE {OwnedWhere};";

    public string CountSql => $"SELECT COUNT(*) FROM {PersonalTables.Quote(Table)} WHERE {OwnedWhere};";
}

/// <summary>
/// The tables that hold a person's rows, derived from the EF model, in an order that deletes every row before
/// the row it points at. A table added later with a foreign key to the account (or to a table that has one),
/// or with a <c>UserId</c> column, is included without changing this code.
/// </summary>
public static class PersonalTables
{
    /// <summary>The owner's id in every statement; <c>@name</c> is a named parameter on SQLite and PostgreSQL alike.</summary>
    public const string UserParameter = "@owner";

    /// <summary>The owner's id as a parameter of the connection's own provider.</summary>
    public static System.Data.Common.DbParameter UserIdParameter(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, string userId)
    {
        ArgumentNullException.ThrowIfNull(database);
        var parameter = database.GetDbConnection().CreateCommand().CreateParameter();
        parameter.ParameterName = UserParameter;
        parameter.Value = userId;
        return parameter;
    }

    /// <summary>The column a table without a foreign key to the account is still taken to name its owner by.</summary>
    public const string OwnerPropertyName = "UserId";

    public static IReadOnlyList<PersonalTable> Of(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var account = model.FindEntityType(typeof(ApplicationUser))
            ?? throw new InvalidOperationException("The model has no account entity.");
        var conditions = new Dictionary<IEntityType, string?>();
        foreach (var type in model.GetEntityTypes())
        {
            OwnedWhere(type, account, conditions, []);
        }

        // Each table after every table whose rows point at it (a depth-first walk over the dependents).
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        void Place(IEntityType type, HashSet<IEntityType> path)
        {
            if (placed.Contains(type) || !path.Add(type))
            {
                return;
            }
            foreach (var dependent in model.GetEntityTypes().Where(d => conditions.GetValueOrDefault(d) is not null && d.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type && d != type)))
            {
                Place(dependent, path);
            }
            path.Remove(type);
            if (placed.Add(type))
            {
                ordered.Add(type);
            }
        }
        foreach (var type in model.GetEntityTypes().Where(t => conditions.GetValueOrDefault(t) is not null && t != account).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Place(type, []);
        }
        ordered.Remove(account);
        ordered.Add(account);
        return [.. ordered.Select(t => new PersonalTable(t, TableName(t), conditions[t]!, t == account))];
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string TableName(IEntityType type) =>
        type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");

    private static string Column(IProperty property) =>
        Quote(property.GetColumnName());

    /// <summary>The condition selecting the person's rows of <paramref name="type"/>, or null when its rows belong to nobody.</summary>
    private static string? OwnedWhere(IEntityType type, IEntityType account, Dictionary<IEntityType, string?> known, HashSet<IEntityType> path)
    {
        if (known.TryGetValue(type, out var found))
        {
            return found;
        }
        if (type.GetTableName() is null || !path.Add(type))
        {
            return null;
        }
        string? condition;
        if (type == account)
        {
            condition = $"{Column(type.FindPrimaryKey()!.Properties.Single())} = {UserParameter}";
        }
        else if (type.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType == account) is { } toAccount)
        {
            condition = $"{Column(toAccount.Properties.Single())} = {UserParameter}";
        }
        else if (type.FindProperty(OwnerPropertyName) is { ClrType: var clr } owner && clr == typeof(string))
        {
            condition = $"{Column(owner)} = {UserParameter}";
        }
        else
        {
            // Rows pointing at a row of the person's (a version's content, an entry's files) are the person's too.
            var through = type.GetForeignKeys()
                .Where(fk => fk.PrincipalEntityType != type)
                .Select(fk => (fk, parent: OwnedWhere(fk.PrincipalEntityType, account, known, path)))
                .Where(x => x.parent is not null)
                .Select(x => $"{Column(x.fk.Properties.Single())} IN (SELECT {Column(x.fk.PrincipalKey.Properties.Single())} FROM {Quote(TableName(x.fk.PrincipalEntityType))} WHERE {x.parent})")
                .ToList();
            condition = through.Count == 0 ? null : string.Join(" OR ", through);
        }
        path.Remove(type);
        known[type] = condition;
        return condition;
    }
}
