namespace HealingCompass.Web.Components.MyData;

/// <summary>"Take it with me": the download of everything and the page that brings an export into a new account.</summary>
public static class MyDataPaths
{
    public const string Export = "/account/export";

    public const string Import = "/account/import";

    /// <summary>Where a locked or signed-out person goes first, coming back to the account page.</summary>
    public const string Unlock = "/account/unlock?returnUrl=%2Faccount";

    public const string SignIn = "/account/login?returnUrl=%2Faccount";
}
