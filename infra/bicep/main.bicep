// HA Ingestor on Azure: everything `azd up` provisions. The connector publishes Home Assistant events to Event
// Hubs; the functions (Flex Consumption) validate, enrich and write them to InfluxDB. Where the connector runs is a
// choice (connectorHosting): at home next to Home Assistant (add-on or Compose; the default, and the cheapest) or in
// Azure Container Apps. No connection string or key reaches an app setting or an output: identities where they
// exist, Key Vault for the rest.
targetScope = 'subscription'

// ---------- Environment ----------

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (must offer Flex Consumption).')
param location string

// ---------- Where the connector runs ----------

@allowed([
  'home'
  'azure'
])
@description('home: the connector runs next to Home Assistant (add-on or Compose) and publishes with a Send-only key; no Container Apps, no registry. azure: the connector runs in Container Apps (Home Assistant must be reachable from Azure) with its journal on Azure Files.')
param connectorHosting string = 'home'

@description('Object id of the user running azd (AZURE_PRINCIPAL_ID), granted read access to the Send connection string only; empty for none.')
param principalId string = ''

// ---------- Home Assistant (connectorHosting = azure only) ----------

@description('Home Assistant base URL as the connector reaches it, e.g. https://ha.example.net (azure hosting).')
param homeAssistantUrl string = ''

@description('Name of the Home Assistant instance, written as the home tag (azure hosting).')
param homeAssistantHome string = 'home'

@secure()
@description('Long-lived access token of the Home Assistant user the connector signs in as (azure hosting).')
param homeAssistantToken string = ''

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

@minValue(1)
@maxValue(100)
@description('Quota of the connector\'s journal and state share in GiB (azure hosting); billed by use, not quota.')
param connectorJournalQuotaGiB int = 2

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

@minValue(0)
@description('Silent or stuck-unavailable entities tolerated before the data-quality alert fires.')
param silentEntitiesThreshold int = 0

@minValue(0)
@maxValue(100)
@description('Share of received events rejected as invalid, in percent, above which to alert.')
param rejectedPercentThreshold int = 5

@minValue(1)
@description('Fewest events received in an hour before the rejected share is judged.')
param rejectedMinimumEvents int = 100

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

var connectorInAzure = connectorHosting == 'azure'
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
  eventHubSendConnectionString: 'eventhub-send-connection-string'
  journalAccountKey: 'connector-journal-account-key'
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
  journalStorage: 'stj${resourceToken}'
  eventHubSendPolicy: 'connector-send'
}
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'dead-letters'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module connectorIdentity 'modules/identity.bicep' = if (connectorInAzure) {
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
    sendPolicyName: connectorInAzure ? '' : names.eventHubSendPolicy
    keyVaultName: names.keyVault
    sendConnectionStringSecretName: secretNames.eventHubSendConnectionString
  }
  // The Send policy's connection string is written into the vault.
  dependsOn: [
    keyVault
  ]
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
    storeHomeAssistantToken: connectorInAzure
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

module registry 'modules/registry.bicep' = if (connectorInAzure) {
  scope: resourceGroup
  params: {
    name: names.registry
    location: location
    tags: tags
  }
}

module journalStorage 'modules/journalstorage.bicep' = if (connectorInAzure) {
  scope: resourceGroup
  dependsOn: [
    keyVault
  ]
  params: {
    name: names.journalStorage
    location: location
    tags: tags
    shareName: 'connector-data'
    quotaGiB: connectorJournalQuotaGiB
    keyVaultName: names.keyVault
    accountKeySecretName: secretNames.journalAccountKey
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
    journalStorage
  ]
  params: {
    connectorIdentityName: connectorInAzure ? names.connectorIdentity : ''
    functionsIdentityName: names.functionsIdentity
    eventHubsNamespaceName: names.eventHubsNamespace
    eventHubName: names.eventHub
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    connectorSecretNames: connectorInAzure ? [secretNames.homeAssistantToken, secretNames.journalAccountKey] : []
    sendConnectionStringSecretName: connectorInAzure ? '' : secretNames.eventHubSendConnectionString
    deployerPrincipalId: principalId
    // Known at deployment start (a resource loop needs that), hence built from the names, not module outputs.
    functionSecretNames: [
      secretNames.influxDbToken
      storeWeatherApiKey ? secretNames.weatherApiKey : ''
      enableRedis ? secretNames.redisConnectionString : ''
    ]
    registryName: connectorInAzure ? names.registry : ''
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

module containerApps 'modules/containerapps.bicep' = if (connectorInAzure) {
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
    identityId: connectorIdentity!.outputs.id
    identityClientId: connectorIdentity!.outputs.clientId
    registryLoginServer: registry!.outputs.loginServer
    image: connectorImageName
    cpu: connectorCpu
    memory: connectorMemory
    homeAssistantUrl: homeAssistantUrl
    homeAssistantHome: homeAssistantHome
    homeAssistantTokenSecretUri: keyVault.outputs.homeAssistantTokenSecretUri
    eventHubsNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.eventHubName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    journalAccountName: journalStorage!.outputs.name
    journalShareName: journalStorage!.outputs.shareName
    journalAccountKeySecretUri: journalStorage!.outputs.accountKeySecretUri
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
    silentEntitiesThreshold: silentEntitiesThreshold
    rejectedPercentThreshold: rejectedPercentThreshold
    rejectedMinimumEvents: rejectedMinimumEvents
  }
}

module workbook 'modules/workbook.bicep' = {
  scope: resourceGroup
  dependsOn: [
    monitoring
  ]
  params: {
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
    nameSeed: environmentName
  }
}

// ---------- Outputs: azd stores these in the environment (.azure/<env>/.env) ----------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name

output CONNECTOR_HOSTING string = connectorHosting
// Read by the connector service's `condition` in azure.yaml: azd deploys the connector only when it runs in Azure.
output CONNECTOR_IN_AZURE bool = connectorInAzure
// The secret a home connector is configured with (docs/DEPLOY.md reads it with az keyvault secret show).
output AZURE_EVENTHUB_SEND_SECRET_NAME string = connectorInAzure ? '' : secretNames.eventHubSendConnectionString

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = connectorInAzure ? registry!.outputs.loginServer : ''
output AZURE_CONTAINER_REGISTRY_NAME string = connectorInAzure ? registry!.outputs.name : ''
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = connectorInAzure ? containerApps!.outputs.environmentId : ''
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = connectorInAzure ? containerApps!.outputs.environmentName : ''
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = connectorInAzure ? containerApps!.outputs.defaultDomain : ''
output AZURE_CONNECTOR_JOURNAL_STORAGE_NAME string = connectorInAzure ? containerApps!.outputs.journalStorageName : ''
output AZURE_CONNECTOR_IDENTITY_ID string = connectorInAzure ? connectorIdentity!.outputs.id : ''
output AZURE_HOME_ASSISTANT_TOKEN_SECRET_URI string = connectorInAzure ? keyVault.outputs.homeAssistantTokenSecretUri : ''

output SERVICE_CONNECTOR_NAME string = connectorInAzure ? containerApps!.outputs.appName : ''
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName

output AZURE_CONNECTOR_IDENTITY_CLIENT_ID string = connectorInAzure ? connectorIdentity!.outputs.clientId : ''
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
