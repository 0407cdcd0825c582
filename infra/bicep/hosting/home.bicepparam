// The connector next to Home Assistant (add-on or Compose): the recommended shape, and the cheapest.
// `bicep build-params` checks it against main.bicep; the test suite deploys nothing, it evaluates the template.
using '../main.bicep'

param environmentName = 'ha-home'
param location = 'westeurope'
param connectorHosting = 'home'
param influxDbUrl = 'https://eu-central-1-1.aws.cloud2.influxdata.com'
param influxDbOrg = 'home'
param influxDbBucket = 'home_assistant'
param influxDbToken = readEnvironmentVariable('INFLUXDB_TOKEN', '')
param eventHubPartitionCount = 1
param functionInstanceMemoryMB = 512
