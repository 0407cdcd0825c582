// The connector in Azure Container Apps, for a Home Assistant reachable from Azure, journal on Azure Files.
using '../main.bicep'

param environmentName = 'ha-azure'
param location = 'westeurope'
param connectorHosting = 'azure'
param homeAssistantUrl = 'https://ha.example.net'
param homeAssistantToken = readEnvironmentVariable('HOME_ASSISTANT_TOKEN', '')
param influxDbUrl = 'https://eu-central-1-1.aws.cloud2.influxdata.com'
param influxDbOrg = 'home'
param influxDbBucket = 'home_assistant'
param influxDbToken = readEnvironmentVariable('INFLUXDB_TOKEN', '')
