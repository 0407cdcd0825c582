// The always-on half: a Container Apps environment and the connector, pinned to exactly one replica because it
// holds the one WebSocket per Home Assistant instance. It is a client only, so it has no ingress.

@description('Container Apps environment name.')
param environmentName string

@description('Connector container app name.')
param appName string

@description('Azure region.')
param location string

@description('Tags for the resources; the app adds its azd service tag.')
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

// Until azd pushes the real image, a public sample keeps the revision healthy; it serves nothing on 8080, so the
// probes are only attached to the connector image itself.
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart:latest'
var hasConnectorImage = !empty(image)
var healthPort = 8080
var journalPath = '/data/journal'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
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

resource connector 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'connector' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'home-assistant-token'
          keyVaultUrl: homeAssistantTokenSecretUri
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'connector'
          image: hasConnectorImage ? image : placeholderImage
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: [
            { name: 'HomeAssistant__Url', value: homeAssistantUrl }
            { name: 'HomeAssistant__Token', secretRef: 'home-assistant-token' }
            { name: 'HomeAssistant__Home', value: homeAssistantHome }
            { name: 'Connector__Transport', value: 'EventHubs' }
            { name: 'EventHubs__FullyQualifiedNamespace', value: eventHubsNamespace }
            { name: 'EventHubs__EventHubName', value: eventHubName }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
            { name: 'Health__Port', value: string(healthPort) }
            { name: 'Journal__Path', value: journalPath }
            { name: 'HomeAssistant__StatePath', value: '${journalPath}/state' }
          ]
          probes: hasConnectorImage
            ? [
                {
                  type: 'Liveness'
                  httpGet: {
                    path: '/health'
                    port: healthPort
                  }
                  initialDelaySeconds: 10
                  periodSeconds: 30
                  timeoutSeconds: 5
                  // A Home Assistant outage must not look like a hung process: restart only after minutes.
                  failureThreshold: 6
                }
                {
                  type: 'Readiness'
                  httpGet: {
                    path: '/health'
                    port: healthPort
                  }
                  initialDelaySeconds: 5
                  periodSeconds: 15
                  timeoutSeconds: 5
                  failureThreshold: 3
                }
              ]
            : []
          volumeMounts: [
            {
              volumeName: 'journal'
              mountPath: journalPath
            }
          ]
        }
      ]
      // Exactly one: two replicas would open two WebSockets and publish every event twice.
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
      volumes: [
        {
          // Replica-scoped disk: survives container restarts, needs no storage key (shared keys are off).
          name: 'journal'
          storageType: 'EmptyDir'
        }
      ]
    }
  }
}

output environmentId string = environment.id
output environmentName string = environment.name
output defaultDomain string = environment.properties.defaultDomain
output appName string = connector.name
output appId string = connector.id
