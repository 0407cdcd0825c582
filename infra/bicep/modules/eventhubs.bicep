// The buffer between the always-on connector and the serverless functions. With the connector in Azure every
// client authenticates with its managed identity and local (SAS) auth is off. With the connector at home, a device
// that holds no Entra identity, the hub gets one shared access policy with the Send right only; its connection
// string goes straight into Key Vault. The functions keep reading with their identity either way.

@description('Event Hubs namespace name.')
param namespaceName string

@description('Event hub name.')
param eventHubName string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags object

@description('Basic is cheapest but allows only the $Default consumer group and 1 day of retention.')
@allowed([
  'Basic'
  'Standard'
])
param sku string

@description('Throughput units (1 TU = 1 MB/s or 1000 events/s in).')
@minValue(1)
@maxValue(40)
param capacity int

@description('Partitions: the most function instances that can read in parallel.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('Days events stay readable (Basic caps this at 1).')
@minValue(1)
@maxValue(7)
param retentionInDays int

@description('Dedicated consumer group for the functions (Standard only).')
param consumerGroupName string

@description('Name of the Send-only shared access policy on the hub for a connector outside Azure; empty for none (local auth stays off).')
param sendPolicyName string

@description('Key Vault that receives the Send policy\'s connection string.')
param keyVaultName string

@description('Secret name for the Send policy\'s connection string.')
param sendConnectionStringSecretName string

var isStandard = sku == 'Standard'
var hasSendPolicy = !empty(sendPolicyName)

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: capacity
  }
  properties: {
    // SAS is needed only for the Send policy; Azure also creates RootManageSharedAccessKey on every namespace,
    // which docs/DEPLOY.md has the operator delete (it cannot be removed by a template).
    disableLocalAuth: !hasSendPolicy
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    isAutoInflateEnabled: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: isStandard ? retentionInDays : 1
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = if (isStandard) {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'Azure Functions ProcessEvents'
  }
}

// Hub-level, Send only: the key can publish to this one hub and can neither read events nor manage anything.
resource sendPolicy 'Microsoft.EventHub/namespaces/eventhubs/authorizationRules@2024-01-01' = if (hasSendPolicy) {
  parent: hub
  name: hasSendPolicy ? sendPolicyName : 'unused'
  properties: {
    rights: [
      'Send'
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource sendConnectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasSendPolicy) {
  parent: vault
  name: sendConnectionStringSecretName
  properties: {
    // Includes EntityPath=<hub>: the connector needs no separate hub name.
    value: sendPolicy!.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

output namespaceName string = namespace.name
output namespaceId string = namespace.id
// Taken from the endpoint rather than assembled, so sovereign clouds get their own suffix.
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output eventHubName string = hub.name
output eventHubId string = hub.id
output consumerGroupName string = isStandard ? consumerGroupName : '$Default'
output sendConnectionStringSecretName string = hasSendPolicy ? sendConnectionString.name : ''
