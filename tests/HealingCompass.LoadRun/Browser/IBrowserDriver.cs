namespace HealingCompass.LoadRun.Browser;

/// <summary>What the load run asks of the browser. Played by Playwright in this process or in a child one.</summary>
internal interface IBrowserDriver : IAsyncDisposable
{
    /// <summary>Launches Chromium; returns its version.</summary>
    Task<string> StartAsync();

    /// <summary>Loads the page in a fresh context (empty cache) and reports every response of the load.</summary>
    Task<FirstLoadResult> FirstLoadAsync(Uri url, int quietMilliseconds);

    /// <summary>
    /// Makes the tab pool exactly <paramref name="count"/> tabs and shows <paramref name="url"/> in each; for an
    /// app page, waits until the circuit is interactive and, with <paramref name="step2"/>, moves on to step 2.
    /// </summary>
    Task ShowAsync(string url, int count, bool step2, int concurrency);
}

/// <summary>Everything Chromium fetched for one first load, with its own network accounting.</summary>
internal sealed record FirstLoadResult(
    string AcceptEncoding,
    IReadOnlyList<ResourceLoad> Resources,
    IReadOnlyList<WebSocketLoad> WebSockets,
    double Seconds);

/// <summary>
/// One response as Chromium counted it: <paramref name="Transferred"/> is CDP's
/// <c>Network.loadingFinished.encodedDataLength</c> (status line, headers and encoded body, what DevTools
/// shows as "transferred"); <paramref name="Decoded"/> is the body after decompression.
/// </summary>
internal sealed record ResourceLoad(
    string Url,
    string Type,
    string Method,
    int Status,
    string ContentEncoding,
    long Transferred,
    long Decoded,
    string? Error);

/// <summary>A WebSocket as Chromium saw it: payloads are after decompression (wire bytes come from the server).</summary>
internal sealed record WebSocketLoad(string Url, int FramesReceived, long PayloadReceived, int FramesSent, long PayloadSent);
