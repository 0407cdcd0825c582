using System.CommandLine;
using System.Globalization;

namespace HaIngestor.Connector.Commands;

/// <summary>
/// <c>healthcheck</c>: asks the running service's <c>/health</c> on loopback; exit 0 when it answers 200, else 1.
/// For container health checks (Compose), as the runtime image has no curl or wget.
/// </summary>
internal static class HealthcheckCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port of /health (default: Health__Port, else 8080)." };
        var command = new Command("healthcheck", "Exit 0 when the running service's /health on 127.0.0.1 answers 200 (for container health checks), else 1.")
        {
            port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(port)
                ?? (int.TryParse(Environment.GetEnvironmentVariable("Health__Port"), NumberStyles.None, CultureInfo.InvariantCulture, out var configured) ? configured : 8080);
            return await CheckAsync(new Uri($"http://127.0.0.1:{chosen.ToString(CultureInfo.InvariantCulture)}/health"), Console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> CheckAsync(Uri health, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(health, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{health} answered {(int)response.StatusCode}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{health}: no answer ({ex.GetType().Name})").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
