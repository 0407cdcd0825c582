using HaIngestor.Infra.Tests.Arm;

namespace HaIngestor.Infra.Tests;

/// <summary>
/// What each hosting profile deploys, from main.bicep evaluated with infra/bicep/hosting/{home,azure}.bicepparam:
/// at home no always-on Azure compute and one Send-only key; in Azure the connector with a journal that survives
/// its replica.
/// </summary>
public sealed class HostingTests
{
    [Theory]
    [InlineData("home")]
    [InlineData("azure")]
    public async Task BuildParams_EachHosting_CompilesWithoutDiagnostics(string hosting)
    {
        var parameters = await HostingProfile.BuildParametersAsync(hosting);

        Assert.Contains($"\"{hosting}\"", parameters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.App/managedEnvironments")]
    [InlineData("Microsoft.App/containerApps")]
    [InlineData("Microsoft.ContainerRegistry/registries")]
    [InlineData("Microsoft.Storage/storageAccounts/fileServices/shares")]
    public async Task Home_Always_DeploysNoConnectorInfrastructure(string type)
    {
        var deployment = await HostingProfile.DeployAsync("home");

        Assert.Empty(deployment.OfType(type));
    }

    [Fact]
    public async Task Home_Always_HasOnlyTheFunctionsIdentityAndStorage()
    {
        var deployment = await HostingProfile.DeployAsync("home");

        Assert.Single(deployment.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Single(deployment.OfType("Microsoft.Storage/storageAccounts"));
        Assert.DoesNotContain(deployment.Resources, resource => resource.Module == "roles" && resource.Symbol.StartsWith("connector", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_EventHub_HasOneSendOnlyPolicyScopedToTheHub()
    {
        var deployment = await HostingProfile.DeployAsync("home");

        var policy = Assert.Single(deployment.OfType("Microsoft.EventHub/namespaces/eventhubs/authorizationRules"));
        var rights = Assert.IsType<List<object?>>(policy.Evaluate("properties", "rights"));
        Assert.Equal(["Send"], rights);
        Assert.Empty(deployment.OfType("Microsoft.EventHub/namespaces/authorizationRules"));
        var namespaceProperties = Assert.IsType<Dictionary<string, object?>>(Assert.Single(deployment.OfType("Microsoft.EventHub/namespaces")).Evaluate("properties"));
        Assert.Equal(false, namespaceProperties["disableLocalAuth"]);
    }

    [Fact]
    public async Task Home_SendConnectionString_GoesOnlyIntoKeyVault()
    {
        var template = await ArmTemplate.MainAsync();
        var deployment = await HostingProfile.DeployAsync("home");

        var secret = Assert.Single(deployment.OfType("Microsoft.KeyVault/vaults/secrets"), resource => resource.Module == "eventHubs");
        Assert.Contains("listKeys", secret.Properties.GetProperty("value").GetString(), StringComparison.Ordinal);
        // No output of any template carries a key: only the secret's name reaches azd's environment.
        Assert.DoesNotContain("listKeys", template.Root.GetProperty("outputs").GetRawText(), StringComparison.Ordinal);
        foreach (var module in deployment.OfType("Microsoft.Resources/deployments"))
        {
            if (module.Properties.TryGetProperty("template", out var nested) && nested.TryGetProperty("outputs", out var outputs))
            {
                Assert.DoesNotContain("listKeys", outputs.GetRawText(), StringComparison.Ordinal);
            }
        }

        Assert.True(template.Root.GetProperty("outputs").TryGetProperty("AZURE_EVENTHUB_SEND_SECRET_NAME", out _));
    }

    [Fact]
    public async Task Home_DeployingUser_MayReadOnlyTheSendSecret()
    {
        var deployment = await HostingProfile.DeployAsync("home");

        // Granted only when azd passes a principal id; the parameter file leaves it empty, so no grant at all.
        Assert.DoesNotContain(deployment.Resources, resource => resource.Symbol == "deployerReadsSendConnectionString");
        var template = await ArmTemplate.MainAsync();
        var grant = template.Resources.Single(resource => resource.Module == "roles" && resource.Body.GetRawText().Contains("deployerPrincipalId", StringComparison.Ordinal) && resource.Type == "Microsoft.Authorization/roleAssignments");
        Assert.Contains("sendConnectionStringSecret", grant.Body.GetProperty("scope").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_Connector_KeepsJournalAndStateOnAzureFiles()
    {
        var deployment = await HostingProfile.DeployAsync("azure");

        var app = Assert.Single(deployment.OfType("Microsoft.App/containerApps"));
        var volume = Assert.Single(app.Properties.GetProperty("template").GetProperty("volumes").EnumerateArray());
        Assert.Equal("AzureFile", volume.GetProperty("storageType").GetString());
        var container = (Dictionary<string, object?>)Assert.Single(Assert.IsType<List<object?>>(app.Evaluate("properties", "template", "containers")))!;
        var environment = ((List<object?>)container["env"]!).Cast<Dictionary<string, object?>>()
            .Where(variable => variable.ContainsKey("value"))
            .ToDictionary(variable => (string)variable["name"]!, variable => variable["value"], StringComparer.Ordinal);
        var mount = (string)((Dictionary<string, object?>)Assert.Single((List<object?>)container["volumeMounts"]!)!)["mountPath"]!;
        Assert.StartsWith(mount + "/", (string)environment["Journal__Path"]!, StringComparison.Ordinal);
        Assert.StartsWith(mount + "/", (string)environment["HomeAssistant__StatePath"]!, StringComparison.Ordinal);

        var storage = Assert.Single(deployment.OfType("Microsoft.App/managedEnvironments/storages"));
        var azureFile = storage.Properties.GetProperty("azureFile");
        Assert.False(azureFile.TryGetProperty("accountKey", out _), "The share key must come from Key Vault, not the template.");
        Assert.True(azureFile.GetProperty("accountKeyVaultProperties").TryGetProperty("keyVaultUrl", out _));
        Assert.Single(deployment.OfType("Microsoft.Storage/storageAccounts/fileServices/shares"));
    }

    [Fact]
    public async Task Azure_EventHubs_HasNoSharedAccessPolicyAndNoLocalAuth()
    {
        var deployment = await HostingProfile.DeployAsync("azure");

        Assert.Empty(deployment.OfType("Microsoft.EventHub/namespaces/eventhubs/authorizationRules"));
        Assert.Empty(deployment.OfType("Microsoft.EventHub/namespaces/authorizationRules"));
        var namespaceProperties = Assert.IsType<Dictionary<string, object?>>(Assert.Single(deployment.OfType("Microsoft.EventHub/namespaces")).Evaluate("properties"));
        Assert.Equal(true, namespaceProperties["disableLocalAuth"]);
        Assert.Single(deployment.OfType("Microsoft.App/containerApps"));
        Assert.Single(deployment.OfType("Microsoft.ContainerRegistry/registries"));
    }

    [Theory]
    [InlineData("home")]
    [InlineData("azure")]
    public async Task EachHosting_Functions_ReadEventsWithTheirIdentity(string hosting)
    {
        var deployment = await HostingProfile.DeployAsync(hosting);

        Assert.Contains(deployment.Resources, resource => resource.Module == "roles" && resource.Symbol == "functionsReceiveEvents");
        Assert.Single(deployment.OfType("Microsoft.Web/sites"));
        Assert.Single(deployment.OfType("Microsoft.Insights/workbooks"));
    }
}
