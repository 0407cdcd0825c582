// The connector's container app (connectorHosting = azure): exactly one replica, because it holds the one WebSocket
// per Home Assistant instance; a client only, so no ingress. Deployed twice by design: as a module of main.bicep on
// provision (with a placeholder image until azd has pushed one), and on every `azd deploy` by azd itself, which
// deploys infra/bicep/<service>.bicep with connector.parameters.json as the service's revision (the image it has
// just pushed, the probes, the journal share). So the first `azd up` ends complete, with no second provision.

@description('Connector container app name.')
param appName string

@description('Azure region.')
param location string

@description('Tags for the app; the azd service tag is added.')
param tags object

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Name of the environment storage that mounts the journal share.')
param journalStorageName string

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
// probes are only attached to the connector image itself. The revision deployment at `azd deploy` attaches them.
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart:latest'
var hasConnectorImage = !empty(image)
var healthPort = 8080
var dataPath = '/data'

resource connector 'Microsoft.App/containerApps@2025-07-01' = {
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
    environmentId: environmentId
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
            { name: 'Journal__Path', value: '${dataPath}/journal' }
            { name: 'HomeAssistant__StatePath', value: '${dataPath}/state' }
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
              volumeName: 'data'
              mountPath: dataPath
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
          // Azure Files: survives replica restarts and new revisions, which an EmptyDir would not.
          name: 'data'
          storageType: 'AzureFile'
          storageName: journalStorageName
        }
      ]
    }
  }
}

output appName string = connector.name
output appId string = connector.id
