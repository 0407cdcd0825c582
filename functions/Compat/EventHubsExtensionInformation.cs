using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

// The host-side extension the official worker package maps to: a deployment's generated WorkerExtensions project
// references it, so the Functions host loads the Event Hubs trigger.
[assembly: ExtensionInformation("Microsoft.Azure.WebJobs.Extensions.EventHubs", "6.5.0")]
