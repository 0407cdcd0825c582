using System.Text.Json;
using ConnectorSettings = HaIngestor.Connector.Configuration.RequiredSettings;
using FunctionSettings = HaIngestor.Functions.Configuration.RequiredSettings;

namespace HaIngestor.Infra.Tests;

/// <summary>
/// The template provides every setting the apps need at start-up, and no secret as a plain value: the function app
/// gets Key Vault references, the container app gets secretRefs to Key Vault-backed secrets.
/// </summary>
public sealed class SettingsContractTests
{
    // APPLICATIONINSIGHTS_CONNECTION_STRING does not match: with local auth off it grants nothing by itself.
    private static readonly string[] secretNameParts = ["Token", "Key", "Password", "ConnectionString"];

    [Fact]
    public async Task FunctionAppSettings_Always_ProvideEveryRequiredSetting()
    {
        var names = (await FunctionAppSettingsAsync()).Select(setting => setting.Name).ToHashSet(StringComparer.Ordinal);

        var missing = FunctionSettings.Names.Where(name => !names.Contains(name)).ToList();

        Assert.True(missing.Count == 0, $"Missing from the function app settings: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task FunctionAppSettings_SecretSettings_AreKeyVaultReferences()
    {
        var settings = await FunctionAppSettingsAsync();
        var secrets = settings.Where(setting => IsSecret(setting.Name, FunctionSettings.Secrets)).ToList();

        Assert.Contains(secrets, setting => setting.Name == "InfluxDb__Token");
        Assert.All(secrets, setting => Assert.True(
            setting.ValueText.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal),
            $"{setting.Name} is not a Key Vault reference: {setting.ValueText}"));
    }

    [Fact]
    public async Task FunctionAppSettings_Always_ReferenceNoSecureParameter()
    {
        var template = await ArmTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");
        var settings = AppSetting.ReadList(site.Properties.GetProperty("siteConfig").GetProperty("appSettings"));

        foreach (var secure in site.SecureParameterNames)
        {
            Assert.DoesNotContain(settings, setting => setting.ValueText.Contains($"parameters('{secure}')", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("SCM_DO_BUILD_DURING_DEPLOYMENT")]
    public async Task FunctionAppSettings_OnFlexConsumption_OmitRetiredSetting(string name)
    {
        // Flex Consumption rejects these (runtime and deployment live in functionAppConfig), and a connection
        // string for AzureWebJobsStorage would need the shared keys the storage account refuses.
        var settings = await FunctionAppSettingsAsync();

        Assert.DoesNotContain(settings, setting => setting.Name == name);
    }

    [Fact]
    public async Task FunctionApp_KeyVaultReferences_UseTheUserAssignedIdentity()
    {
        var template = await ArmTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");

        Assert.Equal("[parameters('identityId')]", site.Properties.GetProperty("keyVaultReferenceIdentity").GetString());
        Assert.Equal("UserAssigned", site.Body.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ConnectorEnvironment_Always_ProvidesEveryRequiredSetting()
    {
        var names = (await ConnectorEnvironmentAsync()).Select(variable => variable.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);

        var missing = ConnectorSettings.Names.Where(name => !names.Contains(name)).ToList();

        Assert.True(missing.Count == 0, $"Missing from the connector environment: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task ConnectorEnvironment_SecretSettings_UseKeyVaultBackedSecretRefs()
    {
        var template = await ArmTemplate.MainAsync();
        var app = template.Single("Microsoft.App/containerApps");
        var secrets = app.Properties.GetProperty("configuration").GetProperty("secrets").EnumerateArray()
            .ToDictionary(secret => secret.GetProperty("name").GetString()!, StringComparer.Ordinal);
        var environment = await ConnectorEnvironmentAsync();

        var secretVariables = environment.Where(variable => IsSecret(variable.GetProperty("name").GetString()!, ConnectorSettings.Secrets)).ToList();

        Assert.Contains(secretVariables, variable => variable.GetProperty("name").GetString() == "HomeAssistant__Token");
        Assert.All(secretVariables, variable =>
        {
            var name = variable.GetProperty("name").GetString();
            Assert.False(variable.TryGetProperty("value", out _), $"{name} has a plain value.");
            var reference = variable.GetProperty("secretRef").GetString()!;
            Assert.True(secrets.TryGetValue(reference, out var secret), $"{name} refers to unknown secret {reference}.");
            Assert.False(secret.TryGetProperty("value", out _), $"Secret {reference} holds a value instead of a Key Vault URL.");
            Assert.True(secret.TryGetProperty("keyVaultUrl", out _), $"Secret {reference} is not read from Key Vault.");
            Assert.True(secret.TryGetProperty("identity", out _), $"Secret {reference} names no identity to read Key Vault with.");
        });
    }

    [Fact]
    public async Task SecureParameters_OfMainTemplate_OnlyReachTheKeyVaultModule()
    {
        var template = await ArmTemplate.MainAsync();
        var secureParameters = template.Root.GetProperty("parameters").EnumerateObject()
            .Where(parameter => parameter.Value.GetProperty("type").GetString() == "securestring")
            .Select(parameter => parameter.Name)
            .ToList();
        Assert.NotEmpty(secureParameters);

        foreach (var deployment in ModuleDeployments(template.Root))
        {
            var parameters = deployment.Value.GetProperty("properties").GetProperty("parameters").GetRawText();
            foreach (var secure in secureParameters)
            {
                if (parameters.Contains($"parameters('{secure}')", StringComparison.Ordinal))
                {
                    Assert.Equal("keyVault", deployment.Name);
                }
            }
        }
    }

    private static IEnumerable<(string Name, JsonElement Value)> ModuleDeployments(JsonElement root)
    {
        var resources = root.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(resource => (resource.Name, resource.Value))
            : resources.EnumerateArray().Select(resource => (resource.GetProperty("name").GetString()!, resource));
        return items.Where(item => item.Item2.GetProperty("type").GetString() == "Microsoft.Resources/deployments");
    }

    private static bool IsSecret(string name, IReadOnlyList<string> declaredSecrets) =>
        declaredSecrets.Contains(name) || secretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<AppSetting>> FunctionAppSettingsAsync()
    {
        var template = await ArmTemplate.MainAsync();
        var site = template.Single("Microsoft.Web/sites");
        return AppSetting.ReadList(site.Properties.GetProperty("siteConfig").GetProperty("appSettings"));
    }

    private static async Task<IReadOnlyList<JsonElement>> ConnectorEnvironmentAsync()
    {
        var template = await ArmTemplate.MainAsync();
        var app = template.Single("Microsoft.App/containerApps");
        var container = app.Properties.GetProperty("template").GetProperty("containers").EnumerateArray().Single();
        return container.GetProperty("env").EnumerateArray().ToList();
    }
}
