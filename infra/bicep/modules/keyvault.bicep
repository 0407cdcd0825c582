// Secrets the apps need at run time. RBAC mode: access is granted per secret through role assignments, never
// through access policies.

@description('Key Vault name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('Purge protection cannot be turned off again; enable it for production vaults.')
param enablePurgeProtection bool

@description('Names of the secrets: homeAssistantToken, influxDbToken, weatherApiKey.')
param secretNames {
  homeAssistantToken: string
  influxDbToken: string
  weatherApiKey: string
}

@description('Long-lived access token of the Home Assistant user the connector signs in as.')
@secure()
param homeAssistantToken string

@description('InfluxDB API token with write access to the bucket.')
@secure()
param influxDbToken string

@description('Weather provider API key; ignored when storeWeatherApiKey is false.')
@secure()
param weatherApiKey string

@description('Whether a weather API key is stored (some providers need none).')
param storeWeatherApiKey bool

@description('Whether the Home Assistant token is stored (only a connector hosted in Azure reads it).')
param storeHomeAssistantToken bool

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource homeAssistantTokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeHomeAssistantToken) {
  parent: vault
  name: secretNames.homeAssistantToken
  properties: {
    value: homeAssistantToken
    contentType: 'text/plain'
  }
}

resource influxDbTokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: secretNames.influxDbToken
  properties: {
    value: influxDbToken
    contentType: 'text/plain'
  }
}

resource weatherApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (storeWeatherApiKey) {
  parent: vault
  name: secretNames.weatherApiKey
  properties: {
    value: weatherApiKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output homeAssistantTokenSecretName string = storeHomeAssistantToken ? homeAssistantTokenSecret.name : ''
output homeAssistantTokenSecretUri string = storeHomeAssistantToken ? homeAssistantTokenSecret!.properties.secretUri : ''
output influxDbTokenSecretName string = influxDbTokenSecret.name
output influxDbTokenSecretUri string = influxDbTokenSecret.properties.secretUri
output weatherApiKeySecretName string = storeWeatherApiKey ? weatherApiKeySecret.name : ''
output weatherApiKeySecretUri string = storeWeatherApiKey ? weatherApiKeySecret!.properties.secretUri : ''
