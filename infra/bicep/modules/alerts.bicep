// Alerts on what matters to an operator, each at the cheapest rule type that watches its signal: metric alerts
// (about $0.10 a month per time series) where a single metric crosses a threshold, log alerts (from $0.50 a month at
// a 15-minute period) only where a query is needed: a missing signal (metric alerts stay silent when no data
// arrives), a ratio, or a dimension filter. The queries are parsed offline by the test suite against the
// Application Insights schema (tests/HaIngestor.Infra.Tests/Kql).

@description('Azure region of the log alert rules.')
param location string

@description('Tags for the resources.')
param tags object

@description('Action group name.')
param actionGroupName string

@description('Address that receives alert mail; empty creates the action group without receivers.')
param alertEmail string

@description('Application Insights the rules watch.')
param applicationInsightsName string

@description('Resource name prefix for the rules.')
param namePrefix string

@description('Failed function executions tolerated in 15 minutes before alerting.')
@minValue(0)
param functionFailureThreshold int

@description('Connector heartbeat age, in seconds, after which it counts as stale.')
@minValue(60)
param heartbeatStaleSeconds int

@description('How long with no processed events before alerting (ISO 8601 duration).')
@allowed([
  'PT30M'
  'PT1H'
  'PT2H'
  'PT6H'
  'PT12H'
  'P1D'
  'P2D'
])
param noEventsWindow string

@description('Silent or stuck-unavailable entities (data quality) tolerated before alerting.')
@minValue(0)
param silentEntitiesThreshold int

@description('Share of received events rejected as invalid, in percent, above which to alert.')
@minValue(0)
@maxValue(100)
param rejectedPercentThreshold int

@description('Fewest events received in the window before the rejected share is judged (avoids alerts on 1 of 2).')
@minValue(1)
param rejectedMinimumEvents int

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    enabled: true
    groupShortName: 'haingestor'
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operator'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// One time series each, so one metric alert each.
var metricRules = [
  {
    name: '${namePrefix}-function-failures'
    description: 'ProcessEvents, HealthCheck, QualityCheck or DailySummary runs ended in failure. Failed batches are retried and then dead-lettered; look at the exceptions.'
    severity: 2
    metricNamespace: 'microsoft.insights/components'
    metricName: 'requests/failed'
    timeAggregation: 'Count'
    threshold: functionFailureThreshold
  }
  {
    name: '${namePrefix}-dead-letters'
    description: 'Events could not be written to InfluxDB and were stored as dead letters with a reason (replay them with connector replay --dead-letters).'
    severity: 1
    // Custom metrics exported by the apps (OpenTelemetry, Azure Monitor exporter) land in this namespace.
    metricNamespace: 'azure.applicationinsights'
    metricName: 'haingestor.events.deadlettered'
    timeAggregation: 'Total'
    threshold: 0
  }
]

resource metricAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for rule in metricRules: {
    name: rule.name
    location: 'global'
    tags: tags
    properties: {
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: 'threshold'
            metricNamespace: rule.metricNamespace
            metricName: rule.metricName
            operator: 'GreaterThan'
            threshold: rule.threshold
            timeAggregation: rule.timeAggregation
            // A custom metric exists only once an app has emitted it: create the rule before the first event.
            skipMetricValidation: true
          }
        ]
      }
      autoMitigate: true
      actions: [
        {
          actionGroupId: actionGroup.id
        }
      ]
    }
  }
]

// Each needs a query; all run at 15 minutes, the cheapest period that still reaches an operator within the hour.
var logRules = [
  {
    name: '${namePrefix}-connector-heartbeat'
    displayName: 'HA Ingestor: connector heartbeat missing or stale'
    description: 'The connector reported an old heartbeat, or none at all, so Home Assistant events may not be arriving.'
    severity: 1
    windowSize: 'PT30M'
    // No sample at all is the loudest form of stale: the summarize without grouping still yields one row.
    query: 'customMetrics\n| where name == "haingestor.connector.heartbeat.age"\n| summarize Samples = count(), WorstAgeSeconds = max(valueMax)\n| where Samples == 0 or WorstAgeSeconds > ${heartbeatStaleSeconds}'
  }
  {
    name: '${namePrefix}-no-events'
    displayName: 'HA Ingestor: no events processed'
    description: 'No event was processed in the configured window. Home Assistant, the connector or Event Hubs may be down.'
    severity: 2
    windowSize: noEventsWindow
    query: 'customMetrics\n| where name == "haingestor.events.processed"\n| summarize Processed = sum(valueSum)\n| where isnull(Processed) or Processed == 0'
  }
  {
    name: '${namePrefix}-entities-silent'
    displayName: 'HA Ingestor: entities silent or stuck unavailable'
    description: 'Sensors stopped reporting (a flat battery, a dead Zigbee router) or have been unavailable for long; connector quality lists them.'
    severity: 3
    windowSize: 'PT30M'
    query: 'customMetrics\n| where name == "haingestor.quality.entities"\n| extend Status = tostring(customDimensions["status"]), Home = tostring(customDimensions["home"])\n| where Status in ("silent", "stuck_unavailable")\n| summarize Entities = max(valueMax) by Home, Status, bin(timestamp, 5m)\n| summarize Entities = sum(Entities) by Home, timestamp\n| summarize Entities = max(Entities) by Home\n| where Entities > ${silentEntitiesThreshold}'
  }
  {
    name: '${namePrefix}-rejected-ratio'
    displayName: 'HA Ingestor: share of rejected events too high'
    description: 'More events than usual fail validation; the reasons are in the rejected-by-reason panel of the workbook.'
    severity: 3
    windowSize: 'PT1H'
    query: 'customMetrics\n| where name in ("haingestor.events.received", "haingestor.events.rejected")\n| summarize Received = sumif(valueSum, name == "haingestor.events.received"), Rejected = sumif(valueSum, name == "haingestor.events.rejected")\n| where Received >= ${rejectedMinimumEvents} and Rejected * 100.0 / Received > ${rejectedPercentThreshold}'
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in logRules: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      evaluationFrequency: 'PT15M'
      windowSize: rule.windowSize
      scopes: [
        applicationInsights.id
      ]
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
output metricAlertNames string[] = [for (rule, index) in metricRules: metricAlerts[index].name]
output logAlertNames string[] = [for (rule, index) in logRules: logAlerts[index].name]
