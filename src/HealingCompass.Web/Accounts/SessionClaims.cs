namespace HealingCompass.Web.Accounts;

/// <summary>Claims the app adds to the sign-in cookie.</summary>
internal static class SessionClaims
{
    /// <summary>A random id for this sign-in; it names the unlocked key in server memory, never the key itself.</summary>
    public const string SessionId = "hc:sid";

    /// <summary>When this sign-in happened (UTC ticks), for the absolute session lifetime.</summary>
    public const string IssuedUtc = "hc:issued";
}
