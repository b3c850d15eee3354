using System.Diagnostics.CodeAnalysis;

/// <summary>
/// The .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c> = this assembly's path): the circuits run starts the app and the
/// stock template with it, so both carry the same probe (<see cref="HealingCompass.LoadRun.Circuits.AppProbe"/>).
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks the hook up as StartupHook in no namespace.")]
public static class StartupHook
{
    public static void Initialize() => HealingCompass.LoadRun.Circuits.AppProbe.Start();
}
