using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Plans;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealingCompass.Data.Tests.Support;

/// <summary>
/// A real database of its own, registered by the app's own <c>AddData</c> and migrated with the real migrations:
/// by default a SQLite file in a temp folder (with the app's PRAGMAs), or a new database in the test run's
/// throwaway PostgreSQL cluster (<see cref="TestPostgres"/>). Disposing it closes every connection and deletes
/// the folder and the PostgreSQL database.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string? filePath;
    private readonly IConfiguration configuration;
    private readonly TimeProvider? clock;
    private readonly List<ServiceProvider> instances = [];
    private bool disposed;

    private TestDatabase(DatabaseProvider provider, string folder, string? filePath, string? postgresDatabase, ServiceProvider services, IConfiguration configuration, TimeProvider? clock)
    {
        this.configuration = configuration;
        this.clock = clock;
        Provider = provider;
        Folder = folder;
        this.filePath = filePath;
        PostgresDatabase = postgresDatabase;
        this.services = services;
    }

    public DatabaseProvider Provider { get; }

    public string Folder { get; }

    /// <summary>The PostgreSQL database's name; null on SQLite.</summary>
    public string? PostgresDatabase { get; }

    /// <summary>The main database file; SQLite keeps <c>-wal</c> and <c>-shm</c> files next to it.</summary>
    public string FilePath => filePath ?? throw new InvalidOperationException("This test database is on PostgreSQL: it has no file.");

    public string WalPath => FilePath + "-wal";

    public string ShmPath => FilePath + "-shm";

    public SavedAssessmentStore Store => services.GetRequiredService<SavedAssessmentStore>();

    public PlanStore Plans => services.GetRequiredService<PlanStore>();

    public CheckInStore CheckIns => services.GetRequiredService<CheckInStore>();
    public JournalStore Journal => services.GetRequiredService<JournalStore>();

    public HealingCompass.Data.Journal.Attachments.JournalAttachmentStore Attachments => services.GetRequiredService<HealingCompass.Data.Journal.Attachments.JournalAttachmentStore>();

    public HealingCompass.Data.MyData.MyDataImporter Imports => services.GetRequiredService<HealingCompass.Data.MyData.MyDataImporter>();

    public AttemptCounter Attempts => services.GetRequiredService<AttemptCounter>();

    /// <summary>
    /// A second app instance on the same database: its own services, context pool and connection pool, as another
    /// process would have. Disposed with this database.
    /// </summary>
    public IServiceProvider NewInstance()
    {
        var instance = Register(configuration, Folder, clock);
        instances.Add(instance);
        return instance;
    }

    private static ServiceProvider Register(IConfiguration configuration, string folder, TimeProvider? clock)
    {
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock); // before AddData, whose TryAdd then keeps it
        }
        return collection.AddData(configuration, folder).BuildServiceProvider();
    }

    public IDbContextFactory<HealingCompassDbContext> Contexts => services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();

    /// <summary>The connection string exactly as the app's context uses it (also the key of its connection pool).</summary>
    public string ConnectionString
    {
        get
        {
            using var db = Contexts.CreateDbContext();
            return db.Database.GetConnectionString()!;
        }
    }

    /// <summary>A new database file; migrated unless <paramref name="migrate"/> is false.</summary>
    /// <param name="migrate">Whether to apply the migrations.</param>
    /// <param name="clock">The clock the stores read; the system clock unless a test moves its own.</param>
    /// <param name="provider">SQLite (a file) or PostgreSQL (a new database in the run's cluster).</param>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, TimeProvider? clock = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-data-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string? filePath = null;
        string? postgresDatabase = null;
        var settings = new Dictionary<string, string?>
        {
            [HealingCompass.Data.Storage.DataStorage.DataDirectorySetting] = folder,
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            postgresDatabase = await TestPostgres.CreateDatabaseAsync();
            settings[DependencyInjection.ProviderSetting] = "PostgreSql";
            settings[$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = TestPostgres.ConnectionString(postgresDatabase);
        }
        else
        {
            filePath = Path.Combine(folder, "healingcompass.db");
            settings[$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = $"Data Source={filePath}";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = Register(configuration, folder, clock);
        var database = new TestDatabase(provider, folder, filePath, postgresDatabase, services, configuration, clock);
        if (migrate)
        {
            await database.MigrateAsync();
        }
        return database;
    }

    /// <summary>Applies pending migrations the way the app does at start.</summary>
    public Task MigrateAsync() => services.MigrateDatabaseAsync(TestContext.Current.CancellationToken);

    public Task<HealingCompassDbContext> OpenAsync() => Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// An account as sign-up makes it: an Identity user row and a keyring wrapped by the password and a new
    /// recovery key (with the fast test Argon2id settings). The returned account holds the unlocked key.
    /// </summary>
    public async Task<TestAccount> AddAccountAsync(string userName, string password = TestKeys.Password)
    {
        var user = new ApplicationUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedUtc = DateTime.UtcNow,
        };
        var (keyring, key, recoveryKey) = Keyring.CreateForNewUser(user.Id, password, TestKeys.Fast);
        await using var db = await OpenAsync();
        db.Users.Add(user);
        db.Keyrings.Add(new UserKeyring
        {
            UserId = user.Id,
            PasswordWrapped = keyring.PasswordWrapped.ToBlob(),
            RecoveryWrapped = keyring.RecoveryWrapped.ToBlob(),
            UpdatedUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new TestAccount(user.Id, password, recoveryKey, key);
    }

    /// <summary>The keyring as stored for <paramref name="userId"/>, read back from its two blobs.</summary>
    public async Task<Keyring> ReadKeyringAsync(string userId)
    {
        await using var db = await OpenAsync();
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId, TestContext.Current.CancellationToken);
        return Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped);
    }

    /// <summary>Stores a new password copy of the data key, as a password change or recovery does.</summary>
    public async Task WritePasswordWrappedAsync(string userId, Keyring keyring)
    {
        await using var db = await OpenAsync();
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == userId, TestContext.Current.CancellationToken);
        stored.PasswordWrapped = keyring.PasswordWrapped.ToBlob();
        stored.UpdatedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The row of the person's draft, untracked.</summary>
    public async Task<SavedAssessment> ReadDraftRowAsync(string userId)
    {
        await using var db = await OpenAsync();
        return await db.SavedAssessments.AsNoTracking().SingleAsync(a => a.UserId == userId && a.IsDraft, TestContext.Current.CancellationToken);
    }

    /// <summary>A new, unopened connection to this database (SQLite or PostgreSQL), for reading it around EF.</summary>
    public DbConnection NewConnection() => PostgresDatabase is null
        ? new SqliteConnection(ConnectionString)
        : new NpgsqlConnection(ConnectionString);

    /// <summary>
    /// SQLite: copies the WAL into the main file and truncates the WAL to zero bytes, through a separate
    /// connection, and fails the test if SQLite could not complete it (a reader or writer was still busy).
    /// PostgreSQL: a CHECKPOINT, so every changed page is in the table files too, not only in the WAL.
    /// </summary>
    public async Task CheckpointAsync()
    {
        await using var connection = NewConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        if (PostgresDatabase is not null)
        {
            command.CommandText = "CHECKPOINT";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            return;
        }
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0L, reader.GetInt64(0)); // 0 = not busy: the checkpoint ran to completion
    }

    /// <summary>Closes every pooled connection to this database (on SQLite, so it checkpoints and lets go of the file).</summary>
    public void CloseConnections()
    {
        if (PostgresDatabase is not null)
        {
            using var postgres = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(postgres);
            return;
        }
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Every byte the database keeps right now. SQLite: the database, WAL and shared-memory files. PostgreSQL:
    /// what <c>pg_dump</c> writes of it, plus every file of its own folder in the cluster and the cluster's WAL
    /// segments (shared with the other tests' databases, which never hold a sentinel in plain text either).
    /// </summary>
    public IReadOnlyList<DatabaseFile> ReadFiles()
    {
        if (PostgresDatabase is { } name)
        {
            return TestPostgres.ReadDatabase(name);
        }
        var files = new List<DatabaseFile>();
        foreach (var path in new[] { FilePath, WalPath, ShmPath })
        {
            if (File.Exists(path))
            {
                files.Add(DatabaseFile.Read(path));
            }
        }
        return files;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
        await services.DisposeAsync();
        if (PostgresDatabase is { } name)
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
        else
        {
            // Pooled connections keep the files open; let go of them before deleting the folder.
            SqliteConnection.ClearAllPools();
        }
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>One of the files SQLite keeps for a database, as read from disk.</summary>
internal sealed record DatabaseFile(string Name, byte[] Bytes)
{
    /// <summary>Reads a file the database server or SQLite may hold open (and mapped) at the same time.</summary>
    public static DatabaseFile Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DatabaseFile(Path.GetFileName(path), copy.ToArray());
    }

    /// <summary>Whether this is <c>pg_dump</c>'s output (text) rather than a file the database keeps.</summary>
    public bool IsDump => Name.StartsWith(TestPostgres.DumpName, StringComparison.Ordinal);

    public bool Contains(ReadOnlySpan<byte> needle) => Bytes.AsSpan().IndexOf(needle) >= 0;

    public override string ToString() => $"{Name} ({Bytes.Length:N0} bytes)";
}

/// <summary>An account made by <see cref="TestDatabase.AddAccountAsync"/>, holding its unlocked data key.</summary>
internal sealed record TestAccount(string UserId, string Password, string RecoveryKey, DataKey Key) : IDisposable
{
    public void Dispose() => Key.Dispose();
}
