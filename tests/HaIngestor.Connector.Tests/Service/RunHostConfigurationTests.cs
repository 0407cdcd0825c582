using System.Text.Json;
using HaIngestor.Connector.Commands;
using Microsoft.Extensions.Configuration;

namespace HaIngestor.Connector.Tests.Service;

/// <summary>
/// The service reads its settings once (no file watcher over the working folder, where data may be written), and its
/// idle thread-pool workers sleep without spinning.
/// </summary>
public sealed class RunHostConfigurationTests
{
    [Fact]
    public async Task Build_Always_ReadsSettingFilesWithoutWatchingThem()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connector:Transport"] = "Direct",
            ["HomeAssistant:Url"] = "http://127.0.0.1:9",
            ["HomeAssistant:Token"] = "t",
            ["Health:Address"] = "127.0.0.1",
            ["Health:Port"] = "0",
        };

        var app = RunCommand.Build(settings);
        await using (app)
        {
            var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();

            Assert.NotEmpty(files);
            Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
        }
    }

    [Fact]
    public void RuntimeConfig_Always_LetsIdleThreadPoolWorkersSleepWithoutSpinning()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "connector.runtimeconfig.json")));

        var spinLimit = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit");

        Assert.Equal(0, spinLimit.GetInt32());
    }
}
