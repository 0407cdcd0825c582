// HA Ingestor on Azure: everything `azd up` provisions. The connector (Container Apps, 1 replica) publishes Home
// Assistant events to Event Hubs; the functions (Flex Consumption) validate, enrich and write them to InfluxDB.
// No connection string or key reaches an app setting: identities everywhere, Key Vault for the rest.
targetScope = 'subscription'

// ---------- Environment ----------

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (must offer Flex Consumption).')
param location string

// ---------- Home Assistant ----------

@description('Home Assistant base URL as the connector reaches it, e.g. https://ha.example.net.')
param homeAssistantUrl string

@description('Name of the Home Assistant instance, written as the home tag.')
param homeAssistantHome string = 'home'

@secure()
@description('Long-lived access token of the Home Assistant user the connector signs in as.')
param homeAssistantToken string

// ---------- InfluxDB ----------

@description('InfluxDB base URL (v2 write API), e.g. an InfluxDB Cloud region URL.')
param influxDbUrl string

@description('InfluxDB organisation.')
param influxDbOrg string

@description('InfluxDB bucket the points are written to.')
param influxDbBucket string

@secure()
@description('InfluxDB API token with write access to the bucket.')
param influxDbToken string

// ---------- Daily summaries ----------

@description('Run the DailySummary function, which writes the five-year daily summaries (Cloud Serverless has no task engine). Create the summary bucket and a DBRP mapping for the raw bucket first: docs/RETENTION.md.')
param summaryEnabled bool = false

@description('NCRONTAB schedule (six fields, UTC) of the DailySummary function.')
param summarySchedule string = '0 10 0 * * *'

@description('Bucket receiving the daily summaries; empty means <influxDbBucket>_daily.')
param summaryBucket string = ''

// ---------- Weather ----------

@allowed([
  'None'
  'HomeAssistant'
  'OpenWeatherMap'
])
@description('Weather enrichment: HomeAssistant reads the weather entity from the event stream (no key); OpenWeatherMap needs weatherApiKey and a location.')
param weatherProvider string = 'HomeAssistant'

@secure()
@description('OpenWeatherMap API key; leave empty for a provider that needs none.')
param weatherApiKey string = ''

@description('Weather location by city name; leave empty to use latitude and longitude.')
param weatherCity string = ''

@description('Weather location latitude, e.g. 52.52; empty when a city is given.')
param weatherLatitude string = ''

@description('Weather location longitude, e.g. 13.40; empty when a city is given.')
param weatherLongitude string = ''

@description('Deploy Azure Managed Redis as the shared weather cache (otherwise each instance caches in memory).')
param enableRedis bool = false

@description('Azure Managed Redis SKU when enabled.')
param redisSku string = 'Balanced_B0'

// ---------- Event Hubs ----------

@allowed([
  'Basic'
  'Standard'
])
@description('Basic: cheapest, $Default consumer group only, 1 day retention. Standard: dedicated consumer group, up to 7 days.')
param eventHubsSku string = 'Basic'

@minValue(1)
@maxValue(40)
@description('Throughput units (each 1 MB/s or 1000 events/s of ingress).')
param eventHubsCapacity int = 1

@minValue(1)
@maxValue(32)
@description('Partitions of the hub: the most function instances that read in parallel.')
param eventHubPartitionCount int = 2

@minValue(1)
@maxValue(7)
@description('Days events stay readable in the hub (Basic is always 1).')
param eventHubRetentionDays int = 1

// ---------- Functions ----------

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption instance memory in MB.')
param functionInstanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound on function instances.')
param functionMaximumInstanceCount int = 40

@minValue(0)
@maxValue(10)
@description('Always-ready instances for ProcessEvents: 1 removes the cold start, at a baseline cost.')
param functionAlwaysReadyInstances int = 0

@description('Connector heartbeat age after which HealthCheck reports unhealthy (TimeSpan, e.g. 00:05:00); empty for the app default.')
param heartbeatMaxAge string = ''

@description('Point schema (see the README); empty for the app default.')
param pipelineSchema string = ''

// ---------- Connector ----------

@description('Connector image; azd fills this in after the first deploy (SERVICE_CONNECTOR_IMAGE_NAME).')
param connectorImageName string = ''

@description('vCPU for the connector.')
param connectorCpu string = '0.25'

@description('Memory for the connector; must match the vCPU (0.25 vCPU: 0.5Gi).')
param connectorMemory string = '0.5Gi'

// ---------- Operations ----------

@description('Address that receives alerts; empty leaves the action group without receivers.')
param alertEmail string = ''

@minValue(60)
@description('Connector heartbeat age, in seconds, that raises the stale-heartbeat alert.')
param heartbeatStaleSeconds int = 300

@allowed([
  'PT30M'
  'PT1H'
  'PT2H'
  'PT6H'
  'PT12H'
  'P1D'
  'P2D'
])
@description('How long without processed events raises the no-events alert.')
param noEventsWindow string = 'PT1H'

@minValue(0)
@description('Failed function executions tolerated per 15 minutes before alerting.')
param functionFailureThreshold int = 0

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs.')
param logRetentionDays int = 30

@description('Daily Log Analytics ingestion cap in GB (-1 for none). A cap also stops the metrics the alerts read.')
param logDailyQuotaGb int = -1

@description('Turn on Key Vault purge protection (cannot be turned off again).')
param keyVaultEnablePurgeProtection bool = false

@minValue(1)
@maxValue(365)
@description('Days a deleted dead-letter blob can be restored.')
param deadLetterDeleteRetentionDays int = 7

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'ha-ingestor'
}
var secretNames = {
  homeAssistantToken: 'home-assistant-token'
  influxDbToken: 'influxdb-token'
  weatherApiKey: 'weather-api-key'
  redisConnectionString: 'redis-connection-string'
}
var storeWeatherApiKey = !empty(weatherApiKey)
// Names are computed here rather than read from module outputs, so they are known before deployment starts
// (What-If can then predict the resources that are addressed by them).
var names = {
  connectorIdentity: 'id-connector-${resourceToken}'
  functionsIdentity: 'id-functions-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  eventHubsNamespace: 'evhns-${resourceToken}'
  eventHub: 'ha-events'
  keyVault: 'kv-${resourceToken}'
  registry: 'cr${resourceToken}'
}
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'dead-letters'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module connectorIdentity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: names.connectorIdentity
    location: location
    tags: tags
  }
}

module functionsIdentity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: names.functionsIdentity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    deadLetterContainerName: deadLetterContainerName
    deleteRetentionDays: deadLetterDeleteRetentionDays
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  scope: resourceGroup
  params: {
    namespaceName: names.eventHubsNamespace
    eventHubName: names.eventHub
    location: location
    tags: tags
    sku: eventHubsSku
    capacity: eventHubsCapacity
    partitionCount: eventHubPartitionCount
    retentionInDays: eventHubRetentionDays
    consumerGroupName: 'ingest-functions'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    secretNames: {
      homeAssistantToken: secretNames.homeAssistantToken
      influxDbToken: secretNames.influxDbToken
      weatherApiKey: secretNames.weatherApiKey
    }
    homeAssistantToken: homeAssistantToken
    influxDbToken: influxDbToken
    weatherApiKey: weatherApiKey
    storeWeatherApiKey: storeWeatherApiKey
  }
}

module redis 'modules/redis.bicep' = if (enableRedis) {
  scope: resourceGroup
  dependsOn: [
    keyVault
  ]
  params: {
    name: 'redis-${resourceToken}'
    location: location
    tags: tags
    sku: redisSku
    keyVaultName: names.keyVault
    connectionStringSecretName: secretNames.redisConnectionString
  }
}

module registry 'modules/registry.bicep' = {
  scope: resourceGroup
  params: {
    name: names.registry
    location: location
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  scope: resourceGroup
  dependsOn: [
    connectorIdentity
    functionsIdentity
    monitoring
    storage
    eventHubs
    keyVault
    redis
    registry
  ]
  params: {
    connectorIdentityName: names.connectorIdentity
    functionsIdentityName: names.functionsIdentity
    eventHubsNamespaceName: names.eventHubsNamespace
    eventHubName: names.eventHub
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    homeAssistantTokenSecretName: secretNames.homeAssistantToken
    // Known at deployment start (a resource loop needs that), hence built from the names, not module outputs.
    functionSecretNames: [
      secretNames.influxDbToken
      storeWeatherApiKey ? secretNames.weatherApiKey : ''
      enableRedis ? secretNames.redisConnectionString : ''
    ]
    registryName: names.registry
    applicationInsightsName: names.applicationInsights
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: resourceGroup
  // The app resolves Key Vault references and opens its storage as soon as it exists: grant first.
  dependsOn: [
    roles
  ]
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: functionsIdentity.outputs.id
    identityClientId: functionsIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    deadLetterContainerName: storage.outputs.deadLetterContainerName
    eventHubsNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.eventHubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    influxDbUrl: influxDbUrl
    influxDbOrg: influxDbOrg
    influxDbBucket: influxDbBucket
    influxDbTokenSecretUri: keyVault.outputs.influxDbTokenSecretUri
    summaryEnabled: summaryEnabled
    summarySchedule: summarySchedule
    summaryBucket: summaryBucket
    weatherProvider: weatherProvider
    weatherApiKeySecretUri: keyVault.outputs.weatherApiKeySecretUri
    weatherCity: weatherCity
    weatherLatitude: weatherLatitude
    weatherLongitude: weatherLongitude
    redisConnectionStringSecretUri: enableRedis ? redis!.outputs.connectionStringSecretUri : ''
    heartbeatMaxAge: heartbeatMaxAge
    pipelineSchema: pipelineSchema
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    alwaysReadyInstances: functionAlwaysReadyInstances
  }
}

module containerApps 'modules/containerapps.bicep' = {
  scope: resourceGroup
  // The first revision pulls through AcrPull and reads its Key Vault secret: grant first.
  dependsOn: [
    roles
  ]
  params: {
    environmentName: 'cae-${resourceToken}'
    appName: 'ca-connector-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceName: names.logAnalytics
    identityId: connectorIdentity.outputs.id
    identityClientId: connectorIdentity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    image: connectorImageName
    cpu: connectorCpu
    memory: connectorMemory
    homeAssistantUrl: homeAssistantUrl
    homeAssistantHome: homeAssistantHome
    homeAssistantTokenSecretUri: keyVault.outputs.homeAssistantTokenSecretUri
    eventHubsNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.eventHubName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: resourceGroup
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-${resourceToken}'
    alertEmail: alertEmail
    applicationInsightsName: names.applicationInsights
    namePrefix: 'alert-${resourceToken}'
    functionFailureThreshold: functionFailureThreshold
    heartbeatStaleSeconds: heartbeatStaleSeconds
    noEventsWindow: noEventsWindow
  }
}

// ---------- Outputs: azd stores these in the environment (.azure/<env>/.env) ----------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = containerApps.outputs.environmentId
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerApps.outputs.environmentName
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = containerApps.outputs.defaultDomain

output SERVICE_CONNECTOR_NAME string = containerApps.outputs.appName
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName

output AZURE_CONNECTOR_IDENTITY_CLIENT_ID string = connectorIdentity.outputs.clientId
output AZURE_FUNCTIONS_IDENTITY_CLIENT_ID string = functionsIdentity.outputs.clientId

output AZURE_EVENTHUBS_NAMESPACE string = eventHubs.outputs.namespaceName
output AZURE_EVENTHUBS_FULLY_QUALIFIED_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output AZURE_EVENTHUB_NAME string = eventHubs.outputs.eventHubName
output AZURE_EVENTHUB_CONSUMER_GROUP string = eventHubs.outputs.consumerGroupName

output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_DEAD_LETTER_CONTAINER string = storage.outputs.deadLetterContainerName

output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsWorkspaceName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AZURE_ACTION_GROUP_ID string = alerts.outputs.actionGroupId

output AZURE_REDIS_HOST_NAME string = enableRedis ? redis!.outputs.hostName : ''
