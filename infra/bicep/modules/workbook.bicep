// The Application Insights workbook an Azure operator opens first: pipeline health and data quality on one page.
// Its queries live in workbooks/pipeline.workbook.json and are parsed offline by the test suite.

@description('Azure region.')
param location string

@description('Tags for the workbook.')
param tags object

@description('Application Insights the workbook reads.')
param applicationInsightsName string

@description('Seed of the workbook\'s resource name (a GUID is required).')
param nameSeed string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsights.id, nameSeed, 'pipeline-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'HA Ingestor: pipeline health and data quality'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: loadTextContent('../workbooks/pipeline.workbook.json')
  }
}

output id string = workbook.id
