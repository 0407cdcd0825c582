// The functions' storage: host state (leases, Event Hubs checkpoints), the deployment package and dead letters.
// Shared keys are off: every client authenticates with its managed identity.

@description('Storage account name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags object

@description('Container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

@description('Container that holds events that could not be written, with the reason.')
param deadLetterContainerName string

@description('Days a deleted dead-letter blob can still be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The Functions host creates this container itself on first checkpoint; declaring it keeps it visible in the
// template and lets a reader see where Event Hubs progress lives.
resource checkpointContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'azure-webjobs-eventhub'
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output checkpointContainerName string = checkpointContainer.name
output deadLetterContainerName string = deadLetterContainer.name
