// Registry for the connector image. No admin user and no anonymous pull: the container app pulls with its
// identity (AcrPull) and azd pushes with the deploying user's Entra token.

@description('Registry name (alphanumeric).')
param name string

@description('Azure region.')
param location string

@description('Tags for the registry.')
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output id string = registry.id
output name string = registry.name
output loginServer string = registry.properties.loginServer
