using System.CommandLine;

namespace HaIngestor.Connector.Commands;

/// <summary>The <c>connector</c> command line: run (default), demo, simulate, replay, backfill, check, retention, summarize, healthcheck.</summary>
internal static class ConnectorCommandLine
{
    public static RootCommand Create()
    {
        var run = RunCommand.Create();
        var root = new RootCommand(
            "HA Ingestor connector: captures every Home Assistant event and sends it to Event Hubs, or through the pipeline to InfluxDB or line-protocol files.\n" +
            "Without a command it runs the service (same as 'run').")
        {
            run,
            DemoCommand.Create(),
            SimulateCommand.Create(),
            ReplayCommand.Create(),
            BackfillCommand.Create(),
            CheckCommand.Create(),
            RetentionCommand.Create(),
            SummarizeCommand.Create(),
            QualityCommand.Create(),
            HealthcheckCommand.Create(),
        };
        root.SetAction((_, cancellationToken) => RunCommand.RunAsync(cancellationToken));
        return root;
    }
}
