// Where a connector hosted in Container Apps keeps its journal and catch-up state: an Azure Files share, so a
// replica restart or a new revision during an Event Hubs outage loses nothing (an EmptyDir volume would).
// Container Apps mounts SMB shares with the account key only (no identity-based mounts), so this is a separate
// account from the functions' one, which refuses shared keys; the key goes straight into Key Vault and the
// environment reads it from there with the connector's identity.

@description('Storage account name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the account.')
param tags object

@description('File share name.')
param shareName string

@description('Share quota in GiB: the journal\'s own limit plus the catch-up state, with room.')
@minValue(1)
param quotaGiB int

@description('Key Vault that receives the account key.')
param keyVaultName string

@description('Secret name for the account key.')
param accountKeySecretName string

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
    // Required by the SMB mount (see above); nothing else uses this account.
    allowSharedKeyAccess: true
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-01-01' = {
  parent: fileService
  name: shareName
  properties: {
    shareQuota: quotaGiB
    // Transaction optimized: the journal is small and written in bursts, so per-GB price matters less than
    // per-operation price.
    accessTier: 'TransactionOptimized'
    enabledProtocols: 'SMB'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource accountKey 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: accountKeySecretName
  properties: {
    value: storage.listKeys().keys[0].value
    contentType: 'text/plain'
  }
}

output name string = storage.name
output shareName string = share.name
output accountKeySecretUri string = accountKey.properties.secretUri
output accountKeySecretName string = accountKey.name
