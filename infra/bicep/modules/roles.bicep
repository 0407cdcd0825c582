// Every grant the two workloads need, each on the narrowest scope that works: the event hub rather than the
// namespace, single Key Vault secrets rather than the vault.

@description('Name of the connector identity; empty when the connector runs outside Azure (no connector grants).')
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

@description('Secrets the connector identity reads (Home Assistant token, journal account key); empty names are skipped.')
param connectorSecretNames string[]

@description('Secret holding the Send policy connection string a home connector is configured with; empty for none.')
param sendConnectionStringSecretName string

@description('Object id of the deploying user, who may read the Send connection string to paste it into the add-on; empty for none.')
param deployerPrincipalId string

@description('Secrets the functions read; empty names are skipped.')
param functionSecretNames string[]

@description('Container registry name; empty when there is none.')
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
var connectorSecrets = filter(connectorSecretNames, secretName => !empty(secretName))
var connectorInAzure = !empty(connectorIdentityName)
var deployerReadsSendSecret = !empty(sendConnectionStringSecretName) && !empty(deployerPrincipalId)

resource connectorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = if (connectorInAzure) {
  name: connectorInAzure ? connectorIdentityName : 'unused'
}

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: functionsIdentityName
}

// Assignment names derive from identity resource ids (known up front), not principal ids (known only once the
// identity exists), so they stay stable and predictable.
var connectorPrincipalId = connectorInAzure ? connectorIdentity!.properties.principalId : ''
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

resource connectorSecretResources 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = [
  for secretName in connectorSecrets: {
    parent: vault
    name: secretName
  }
]

resource sendConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = if (deployerReadsSendSecret) {
  parent: vault
  name: deployerReadsSendSecret ? sendConnectionStringSecretName : 'unused'
}

resource functionSecretResources 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = [
  for secretName in functionSecrets: {
    parent: vault
    name: secretName
  }
]

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (connectorInAzure) {
  name: connectorInAzure ? registryName : 'unused'
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource connectorSendsEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (connectorInAzure) {
  name: guid(hub.id, connectorIdentity!.id, roles.eventHubsDataSender)
  scope: hub
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataSender)
  }
}

resource connectorReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (secretName, index) in connectorSecrets: if (connectorInAzure) {
    name: guid(connectorSecretResources[index].id, connectorIdentity!.id, roles.keyVaultSecretsUser)
    scope: connectorSecretResources[index]
    properties: {
      principalId: connectorPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

// Lets the person who ran `azd up` read the one secret they paste into the add-on, and nothing else in the vault.
resource deployerReadsSendConnectionString 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (deployerReadsSendSecret) {
  name: guid(sendConnectionStringSecret!.id, deployerPrincipalId, roles.keyVaultSecretsUser)
  scope: sendConnectionStringSecret
  properties: {
    principalId: deployerPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource connectorPullsImage 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (connectorInAzure) {
  name: guid(registry!.id, connectorIdentity!.id, roles.acrPull)
  scope: registry
  properties: {
    principalId: connectorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource connectorPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (connectorInAzure) {
  name: guid(applicationInsights.id, connectorIdentity!.id, roles.monitoringMetricsPublisher)
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
