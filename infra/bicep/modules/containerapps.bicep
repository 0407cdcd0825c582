// The always-on half when the connector runs in Azure: a Container Apps environment with the journal share
// mounted from Azure Files, and the connector app (../connector.bicep).

@description('Container Apps environment name.')
param environmentName string

@description('Connector container app name.')
param appName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Log Analytics workspace that receives console and system logs.')
param logAnalyticsWorkspaceName string

@description('Resource id of the connector\'s user-assigned identity.')
param identityId string

@description('Client id of the connector\'s user-assigned identity.')
param identityClientId string

@description('Login server of the registry the image is pulled from.')
param registryLoginServer string

@description('Connector image; empty on the first provision, before azd has pushed one.')
param image string

@description('vCPU for the connector, as text (e.g. 0.25).')
param cpu string

@description('Memory for the connector (must match the vCPU ratio, e.g. 0.5Gi for 0.25 vCPU).')
param memory string

@description('Home Assistant base URL, e.g. https://ha.example.net.')
param homeAssistantUrl string

@description('Name of the Home Assistant instance (the home tag).')
param homeAssistantHome string

@description('Key Vault secret URI of the Home Assistant token.')
param homeAssistantTokenSecretUri string

@description('Fully qualified Event Hubs namespace.')
param eventHubsNamespace string

@description('Event hub the connector publishes to.')
param eventHubName string

@description('Application Insights connection string (not a secret: local auth is off).')
param applicationInsightsConnectionString string

@description('Storage account holding the journal share.')
param journalAccountName string

@description('Journal file share name.')
param journalShareName string

@description('Key Vault secret URI of the journal account key.')
param journalAccountKeySecretUri string

var journalStorageName = 'connector-data'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  // Reads the journal account key from Key Vault when mounting the share.
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
  }
}

resource journalStorage 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: environment
  name: journalStorageName
  properties: {
    azureFile: {
      accessMode: 'ReadWrite'
      accountName: journalAccountName
      shareName: journalShareName
      accountKeyVaultProperties: {
        identity: identityId
        keyVaultUrl: journalAccountKeySecretUri
      }
    }
  }
}

module app '../connector.bicep' = {
  params: {
    appName: appName
    location: location
    tags: tags
    environmentId: environment.id
    journalStorageName: journalStorage.name
    identityId: identityId
    identityClientId: identityClientId
    registryLoginServer: registryLoginServer
    image: image
    cpu: cpu
    memory: memory
    homeAssistantUrl: homeAssistantUrl
    homeAssistantHome: homeAssistantHome
    homeAssistantTokenSecretUri: homeAssistantTokenSecretUri
    eventHubsNamespace: eventHubsNamespace
    eventHubName: eventHubName
    applicationInsightsConnectionString: applicationInsightsConnectionString
  }
}

output environmentId string = environment.id
output environmentName string = environment.name
output defaultDomain string = environment.properties.defaultDomain
output journalStorageName string = journalStorage.name
output appName string = app.outputs.appName
output appId string = app.outputs.appId
