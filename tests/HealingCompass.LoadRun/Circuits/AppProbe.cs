using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HealingCompass.LoadRun.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealingCompass.LoadRun.Circuits;

/// <summary>
/// Runs inside a measured web app's process (the app or the stock template), loaded there by <see cref="StartupHook"/>.
/// It adds a circuit count (<see cref="CircuitTally"/>) to the host as it is built and, for the app, the floor pages
/// (<see cref="FloorEndpoints"/>); and it answers on a loopback port: a line <c>heap</c> gets the managed heap after
/// forced, compacting full collections, with the open and connected circuits (<c>heap open connected</c>); a line
/// <c>circuits</c> gets the same without collecting (heap 0); a line <c>inbound</c> gets the handling times of every
/// message the circuits received since the last such line (milliseconds, space-separated).
/// </summary>
/// <remarks>
/// The host is reached through the hosting library's <c>HostBuilding</c> diagnostic event, the same hook
/// <c>WebApplicationFactory</c> uses: the app's own code is untouched and runs as shipped.
/// </remarks>
internal static class AppProbe
{
    public const string PortFileVariable = "HEALINGCOMPASS_LOADRUN_PROBE_PORT_FILE";
    public const string FloorsVariable = "HEALINGCOMPASS_LOADRUN_FLOORS";

    private static readonly CircuitTally Circuits = new();

    public static void Start()
    {
        var portFile = Environment.GetEnvironmentVariable(PortFileVariable);
        if (portFile is null)
        {
            return;
        }
        Circuits.TimeInbound();
        DiagnosticListener.AllListeners.Subscribe(new HostBuildingHook(Environment.GetEnvironmentVariable(FloorsVariable) == "1"));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        File.WriteAllText(portFile + ".tmp", port.ToString(CultureInfo.InvariantCulture));
        File.Move(portFile + ".tmp", portFile);
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "load-run probe" }.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream);
            using var writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    if (line == "inbound")
                    {
                        writer.WriteLine(string.Join(' ', Circuits.TakeInboundTimes().Select(t => t.ToString("R", CultureInfo.InvariantCulture))));
                        continue;
                    }
                    var heap = line == "heap" ? LoadRunner.ManagedHeap() : 0;
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heap} {Circuits.Open} {Circuits.Connected}"));
                }
            }
            catch (IOException)
            {
                // The load run went away; wait for the next one.
            }
        }
    }

    private sealed class HostBuildingHook(bool floors) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                value.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices(services =>
                {
                    services.AddSingleton<CircuitHandler>(Circuits);
                    if (floors)
                    {
                        services.AddSingleton<IStartupFilter, FloorEndpoints>();
                    }
                });
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
