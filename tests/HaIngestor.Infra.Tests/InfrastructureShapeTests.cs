namespace HaIngestor.Infra.Tests;

/// <summary>The compiled template has the security and operational properties the deployment promises.</summary>
public sealed class InfrastructureShapeTests
{
    [Fact]
    public async Task StorageAccount_Always_RefusesSharedKeysAndOldTls()
    {
        var storage = (await ArmTemplate.MainAsync()).Resources
            .Single(resource => resource.Type == "Microsoft.Storage/storageAccounts" && resource.Module == "storage").Properties;

        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
    }

    [Fact]
    public async Task StorageAccount_Always_HasDeploymentCheckpointAndDeadLetterContainers()
    {
        var template = await ArmTemplate.MainAsync();
        var containers = template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(container => container.Body.GetProperty("name").GetRawText())
            .ToList();

        Assert.Equal(3, containers.Count);
        Assert.Contains(containers, name => name.Contains("azure-webjobs-eventhub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitoring_Always_DisablesLocalAuth()
    {
        var template = await ArmTemplate.MainAsync();

        // Event Hubs local auth depends on the hosting: HostingTests.
        Assert.True(template.Single("Microsoft.Insights/components").Properties.GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public async Task ConsumerGroup_OnBasic_IsNotCreated()
    {
        var consumerGroup = (await ArmTemplate.MainAsync()).Single("Microsoft.EventHub/namespaces/eventhubs/consumergroups");

        // Basic namespaces allow only $Default; the dedicated group exists only on Standard.
        Assert.Contains("Standard", consumerGroup.Body.GetProperty("condition").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerGroupSetting_OnBasic_IsDefault()
    {
        var template = await ArmTemplate.MainAsync();
        var eventHubs = template.Root.GetProperty("resources").GetProperty("eventHubs");
        var output = eventHubs.GetProperty("properties").GetProperty("template").GetProperty("outputs").GetProperty("consumerGroupName");

        Assert.Contains("'$Default'", output.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionApp_Always_RunsOnFlexConsumptionWithIdentityDeployment()
    {
        var template = await ArmTemplate.MainAsync();
        var plan = template.Single("Microsoft.Web/serverfarms");
        var config = template.Single("Microsoft.Web/sites").Properties.GetProperty("functionAppConfig");

        Assert.Equal("FC1", plan.Body.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.Body.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        var authentication = config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication");
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Contains("function:ProcessEvents", config.GetProperty("scaleAndConcurrency").GetProperty("alwaysReady").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyVault_Always_UsesRbac()
    {
        var vault = (await ArmTemplate.MainAsync()).Single("Microsoft.KeyVault/vaults").Properties;

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
    }

    [Fact]
    public async Task Redis_Always_IsOptionalAndKeepsItsKeyInKeyVault()
    {
        var template = await ArmTemplate.MainAsync();
        var redisModule = template.Root.GetProperty("resources").GetProperty("redis");
        var redisSecret = template.Resources.Single(resource => resource.Module == "redis" && resource.Type == "Microsoft.KeyVault/vaults/secrets");

        Assert.Equal("[parameters('enableRedis')]", redisModule.GetProperty("condition").GetString());
        Assert.Contains("listKeys", redisSecret.Properties.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_Always_RunsExactlyOneReplicaWithoutIngress()
    {
        var app = (await ArmTemplate.MainAsync()).Single("Microsoft.App/containerApps").Properties;
        var scale = app.GetProperty("template").GetProperty("scale");

        Assert.Equal(1, scale.GetProperty("minReplicas").GetInt32());
        Assert.Equal(1, scale.GetProperty("maxReplicas").GetInt32());
        Assert.False(app.GetProperty("configuration").TryGetProperty("ingress", out _));
        var registry = app.GetProperty("configuration").GetProperty("registries").EnumerateArray().Single();
        Assert.True(registry.TryGetProperty("identity", out _));
        Assert.False(registry.TryGetProperty("passwordSecretRef", out _));
    }

    [Fact]
    public async Task Connector_WithItsImage_ProbesHealthOnPort8080()
    {
        var template = await ArmTemplate.MainAsync();
        var app = template.Single("Microsoft.App/containerApps").Properties;
        var container = app.GetProperty("template").GetProperty("containers").EnumerateArray().Single();

        // The probes are an expression (left off the placeholder image); read them as text.
        var probes = container.GetProperty("probes").GetString()!;

        Assert.Contains("'Liveness'", probes, StringComparison.Ordinal);
        Assert.Contains("'Readiness'", probes, StringComparison.Ordinal);
        Assert.Contains("'/health'", probes, StringComparison.Ordinal);
        Assert.Contains("variables('healthPort')", probes, StringComparison.Ordinal);
        Assert.Equal(8080, HealthPort(template));
    }

    [Theory]
    [InlineData("2b629674-e913-4c01-ae53-ef4638d8f975")] // Azure Event Hubs Data Sender
    [InlineData("a638d3c7-ab3a-418d-83e6-5f17a39d4fde")] // Azure Event Hubs Data Receiver
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb")] // Monitoring Metrics Publisher
    [InlineData("7f951dda-4ed3-4680-a7ca-43fe172d538d")] // AcrPull
    public async Task RoleAssignments_Always_IncludeRole(string roleDefinitionId)
    {
        var template = await ArmTemplate.MainAsync();
        var roles = template.Resources.First(resource => resource.Module == "roles" && resource.Type == "Microsoft.Authorization/roleAssignments");

        Assert.Contains(roleDefinitionId, roles.Template.GetProperty("variables").GetProperty("roles").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAssignments_Always_AvoidBroadRoles()
    {
        var template = await ArmTemplate.MainAsync();
        var text = template.Root.GetRawText();

        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text, StringComparison.Ordinal); // Contributor
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text, StringComparison.Ordinal); // Owner
        Assert.DoesNotContain("f526a384-b230-433a-b45c-95f59c4a2dec", text, StringComparison.Ordinal); // Event Hubs Data Owner
    }

    [Theory]
    [InlineData("requests/failed")]
    [InlineData("haingestor.events.deadlettered")]
    public async Task MetricAlerts_Always_WatchSignal(string metric)
    {
        var template = await ArmTemplate.MainAsync();
        var rules = template.Single("Microsoft.Insights/metricAlerts");
        var definitions = rules.Template.GetProperty("variables").GetProperty("metricRules").GetRawText();

        Assert.Contains($"\"{metric}\"", definitions, StringComparison.Ordinal);
        Assert.Contains("actionGroupId", rules.Properties.GetProperty("actions").GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("haingestor.connector.heartbeat.age")]
    [InlineData("haingestor.events.processed")]
    [InlineData("haingestor.quality.entities")]
    [InlineData("haingestor.events.rejected")]
    public async Task LogAlerts_Always_WatchSignal(string signal)
    {
        var template = await ArmTemplate.MainAsync();
        var rules = template.Single("Microsoft.Insights/scheduledQueryRules");
        var queries = rules.Template.GetProperty("variables").GetProperty("logRules").GetRawText();

        Assert.Contains(signal, queries, StringComparison.Ordinal);
        Assert.Contains("actionGroups", rules.Properties.GetProperty("actions").GetRawText(), StringComparison.Ordinal);
        // 15 minutes is the cheapest log alert period; nothing here needs a faster one.
        Assert.Equal("PT15M", rules.Properties.GetProperty("evaluationFrequency").GetString());
    }

    private static int HealthPort(ArmTemplate template)
    {
        var app = template.Single("Microsoft.App/containerApps");
        return app.Template.GetProperty("variables").GetProperty("healthPort").GetInt32();
    }
}
