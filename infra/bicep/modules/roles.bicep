// Every grant the two workloads need, each on the narrowest scope that works: the event hub rather than the
// namespace, single Key Vault secrets rather than the vault.

@description('Name of the connector identity.')
param connectorIdentityName string

@description('Name of the functions identity.')
param functionsIdentityName string

@description('Event Hubs namespace name.')
param eventHubsNamespaceName string

@description('Event hub name.')
param eventHubName string

@description('Storage account of the function app.')
param storageAccountName string

@description('Key Vault name.')
param keyVaultName string

@description('Secret the connector reads.')
param homeAssistantTokenSecretName string

@description('Secrets the functions read; empty names are skipped.')
param functionSecretNames string[]

@description('Container registry name.')
param registryName string

@description('Application Insights name.')
param applicationInsightsName string

var roles = {
  eventHubsDataSender: '2b629674-e913-4c01-ae53-ef4638d8f975'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  // Owner, not Contributor: the Functions host manages blob leases and creates its containers.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

var functionSecrets = filter(functionSecretNames, secretName => !empty(secretName))

resource connectorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: connectorIdentityName
}

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: functionsIdentityName
}

// Assignment names derive from identity resource ids (known up front), not principal ids (known only once the
// identity exists), so they stay stable and predictable.
var connectorPrincipalId = connectorIdentity.properties.principalId
var functionsPrincipalId = functionsIdentity.properties.principalId

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' existing = {
  parent: namespace
  name: eventHubName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource homeAssistantTokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = {
  parent: vault
  name: homeAssistantTokenSecretName
}

resource functionSecretResources 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = [
  for secretName in functionSecrets: {
    parent: vault
    name: secretName
  }
]

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource connectorSendsEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, connectorIdentity.id, roles.eventHubsDataSender)
  scope: hub
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataSender)
  }
}

resource connectorReadsToken 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(homeAssistantTokenSecret.id, connectorIdentity.id, roles.keyVaultSecretsUser)
  scope: homeAssistantTokenSecret
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource connectorPullsImage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, connectorIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource connectorPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, connectorIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
  }
}

resource functionsReceiveEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hub.id, functionsIdentity.id, roles.eventHubsDataReceiver)
  scope: hub
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
  }
}

resource functionsOwnBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsIdentity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource functionsReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (secretName, index) in functionSecrets: {
    name: guid(functionSecretResources[index].id, functionsIdentity.id, roles.keyVaultSecretsUser)
    scope: functionSecretResources[index]
    properties: {
      principalId: functionsPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

resource functionsPublishTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionsIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
  }
}
