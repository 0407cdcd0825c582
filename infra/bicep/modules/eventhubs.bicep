// The buffer between the always-on connector and the serverless functions. Local (SAS) auth is off.

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

var isStandard = sku == 'Standard'

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
    disableLocalAuth: true
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

output namespaceName string = namespace.name
output namespaceId string = namespace.id
// Taken from the endpoint rather than assembled, so sovereign clouds get their own suffix.
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output eventHubName string = hub.name
output eventHubId string = hub.id
output consumerGroupName string = isStandard ? consumerGroupName : '$Default'
