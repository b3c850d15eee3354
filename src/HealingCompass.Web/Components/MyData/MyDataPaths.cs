namespace HealingCompass.Web.Components.MyData;

/// <summary>"Take it with me": the download of everything and the page that brings an export into a new account.</summary>
public static class MyDataPaths
{
    public const string Export = "/account/export";

    /// <summary>
    /// Outside /account/: posts there count as sign-in attempts (rate limited, and their form is read before routing,
    /// where this page's own upload limits would not apply).
    /// </summary>
    public const string Import = "/import";

    /// <summary>Where a locked or signed-out person goes first, coming back to the account page.</summary>
    public const string Unlock = "/account/unlock?returnUrl=%2Faccount";

    public const string SignIn = "/account/login?returnUrl=%2Faccount";
}
