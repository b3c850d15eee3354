using HealingCompass.Data;
using HealingCompass.Web;
using HealingCompass.Web.Hosting;

// A table of contents: each layer registers itself, the pipeline lives in one place.
var builder = WebApplication.CreateBuilder(args);

builder.AddWebLogging();
builder.Services.AddData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
if (await app.RunBackupIfAskedAsync())
{
    return;
}

await app.Services.MigrateDatabaseAsync();
app.UseWeb();
await app.RunAsync();

/// <summary>Entry point, public so the tests can host the real app.</summary>
public partial class Program;
