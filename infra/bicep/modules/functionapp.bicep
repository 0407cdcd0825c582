// The serverless half: a Flex Consumption (FC1) function app running ProcessEvents (Event Hubs trigger) and
// HealthCheck and DailySummary (timers). Every connection is identity-based; every secret is a Key Vault reference.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan; the app adds its azd service tag.')
param tags object

@description('Resource id of the functions\' user-assigned identity.')
param identityId string

@description('Client id of the functions\' user-assigned identity.')
param identityClientId string

@description('Storage account for host state, checkpoints and dead letters.')
param storageAccountName string

@description('Blob endpoint of that account.')
param storageBlobEndpoint string

@description('Container the app package is deployed to.')
param deploymentContainerName string

@description('Container dead letters are written to.')
param deadLetterContainerName string

@description('Fully qualified Event Hubs namespace.')
param eventHubsNamespace string

@description('Event hub the connector publishes to.')
param eventHubName string

@description('Consumer group ProcessEvents reads with ($Default on Basic).')
param eventHubConsumerGroup string

@description('Application Insights connection string (not a secret: local auth is off).')
param applicationInsightsConnectionString string

@description('InfluxDB base URL, e.g. https://eu-central-1-1.aws.cloud2.influxdata.com.')
param influxDbUrl string

@description('InfluxDB organisation.')
param influxDbOrg string

@description('InfluxDB bucket.')
param influxDbBucket string

@description('Key Vault secret URI of the InfluxDB token.')
param influxDbTokenSecretUri string

@description('Whether the DailySummary function writes summaries.')
param summaryEnabled bool

@description('NCRONTAB schedule of the DailySummary function (the trigger reads it from Summary__Schedule).')
param summarySchedule string

@description('Bucket receiving the daily summaries, or empty for <influxDbBucket>_daily.')
param summaryBucket string

@description('Weather provider name.')
param weatherProvider string

@description('Key Vault secret URI of the weather API key, or empty.')
param weatherApiKeySecretUri string

@description('Weather location by city name, or empty.')
param weatherCity string

@description('Weather location latitude as text, or empty.')
param weatherLatitude string

@description('Weather location longitude as text, or empty.')
param weatherLongitude string

@description('Key Vault secret URI of the Redis connection string, or empty when Redis is off.')
param redisConnectionStringSecretUri string

@description('Connector heartbeat age after which HealthCheck reports unhealthy (TimeSpan), or empty for the default.')
param heartbeatMaxAge string

@description('Point schema, or empty for the default.')
param pipelineSchema string

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances; Event Hubs scaling never exceeds the partition count anyway.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for ProcessEvents (0 = scale to zero, pay a cold start on the first batch).')
@minValue(0)
@maxValue(10)
param alwaysReadyInstances int

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(
        [
          { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
          { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
          { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
          { name: 'EventHubName', value: eventHubName }
          { name: 'EventHubConsumerGroup', value: eventHubConsumerGroup }
          { name: 'EventHubConnection__fullyQualifiedNamespace', value: eventHubsNamespace }
          { name: 'EventHubConnection__credential', value: 'managedidentity' }
          { name: 'EventHubConnection__clientId', value: identityClientId }
          { name: 'AZURE_CLIENT_ID', value: identityClientId }
          { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
          // Local auth is off on Application Insights: telemetry is sent with the identity's token.
          { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
          { name: 'InfluxDb__Url', value: influxDbUrl }
          { name: 'InfluxDb__ApiVersion', value: 'V2' }
          { name: 'InfluxDb__Org', value: influxDbOrg }
          { name: 'InfluxDb__Bucket', value: influxDbBucket }
          { name: 'InfluxDb__Token', value: '@Microsoft.KeyVault(SecretUri=${influxDbTokenSecretUri})' }
          { name: 'DeadLetters__ServiceUri', value: storageBlobEndpoint }
          { name: 'DeadLetters__Container', value: deadLetterContainerName }
          { name: 'DeadLetters__ClientId', value: identityClientId }
          { name: 'Weather__Provider', value: weatherProvider }
          { name: 'Summary__Enabled', value: string(summaryEnabled) }
          // The timer trigger's %Summary:Schedule% must resolve even while summaries are off, or the host cannot index it.
          { name: 'Summary__Schedule', value: summarySchedule }
        ],
        // Optional settings are left out entirely when unset, so the apps' own defaults apply.
        filter(
          [
            {
              name: 'Weather__ApiKey'
              value: empty(weatherApiKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${weatherApiKeySecretUri})'
            }
            { name: 'Weather__City', value: weatherCity }
            { name: 'Weather__Latitude', value: weatherLatitude }
            { name: 'Weather__Longitude', value: weatherLongitude }
            {
              name: 'Redis__ConnectionString'
              value: empty(redisConnectionStringSecretUri)
                ? ''
                : '@Microsoft.KeyVault(SecretUri=${redisConnectionStringSecretUri})'
            }
            { name: 'Health__HeartbeatMaxAge', value: heartbeatMaxAge }
            { name: 'Pipeline__Schema', value: pipelineSchema }
            { name: 'Summary__Bucket', value: summaryBucket }
          ],
          setting => !empty(setting.value)
        )
      )
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Per-function scaling: a non-HTTP function is its own scale group, named 'function:<FunctionName>'.
        alwaysReady: alwaysReadyInstances > 0
          ? [
              {
                name: 'function:ProcessEvents'
                instanceCount: alwaysReadyInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// azd deploys with an Entra token; publishing with basic credentials stays off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output planName string = plan.name
