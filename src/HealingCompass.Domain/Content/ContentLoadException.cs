namespace HealingCompass.Domain.Content;

/// <summary>The embedded content is broken. Thrown at load so a bad edit never reaches a person.</summary>
public sealed class ContentLoadException : Exception
{
    public ContentLoadException(IReadOnlyList<string> problems)
        : base("The HealingCompass content failed validation:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    public ContentLoadException() : this(["unknown problem"]) { }

    public ContentLoadException(string message) : this([message]) { }

    public ContentLoadException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
