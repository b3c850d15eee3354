namespace HealingCompass.LoadRun.Journeys;

/// <summary>The picture each journal entry gets: a valid 1×1 PNG (70 bytes), enough for the app's file check.</summary>
internal static class Png
{
    public static byte[] Small() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
