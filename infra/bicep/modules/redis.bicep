// Azure Managed Redis as the shared (L2) weather cache. Entra auth for Redis needs a client library this project
// does not use, so the access key is enabled and goes straight into Key Vault: it never leaves the deployment.

@description('Redis cluster name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the cluster.')
param tags object

@description('Azure Managed Redis SKU; Balanced_B0 is the smallest.')
param sku string

@description('Key Vault that receives the connection string.')
param keyVaultName string

@description('Secret name for the StackExchange.Redis connection string.')
param connectionStringSecretName string

resource redis 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    // A cache of weather lookups: losing it costs a few API calls, not data, so no replica is paid for.
    highAvailability: 'Disabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'AllKeysLRU'
    accessKeysAuthentication: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    value: '${redis.properties.hostName}:10000,password=${database.listKeys().primaryKey},ssl=True,abortConnect=False'
    contentType: 'text/plain'
  }
}

output id string = redis.id
output name string = redis.name
output hostName string = redis.properties.hostName
output connectionStringSecretName string = connectionStringSecret.name
output connectionStringSecretUri string = connectionStringSecret.properties.secretUri
