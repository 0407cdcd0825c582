using System.CommandLine;
using HaIngestor.Connector.Commands;

// Signals are handled by each command (the host's lifetime for run, a console hook for the others), so the parser
// is told not to race them with its own.
return await ConnectorCommandLine.Create()
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
    .ConfigureAwait(false);
