// Alerts on what matters to an operator: failed function runs, events dead-lettered, a silent connector and
// silent ingestion. All are log alerts over Application Insights, so they also see the custom metrics the apps
// export (haingestor.*) without extra metric namespaces.

@description('Azure region of the log alert rules.')
param location string

@description('Tags for the resources.')
param tags object

@description('Action group name.')
param actionGroupName string

@description('Address that receives alert mail; empty creates the action group without receivers.')
param alertEmail string

@description('Application Insights the rules query.')
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

var rules = [
  {
    name: '${namePrefix}-function-failures'
    displayName: 'HA Ingestor: function executions failing'
    description: 'ProcessEvents or HealthCheck runs ended in failure. Failed batches are retried and then dead-lettered; look at the exceptions.'
    severity: 2
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'requests\n| where success == false'
    threshold: functionFailureThreshold
  }
  {
    name: '${namePrefix}-dead-letters'
    displayName: 'HA Ingestor: events dead-lettered'
    description: 'Events could not be written to InfluxDB and were stored as dead letters with a reason.'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    query: 'customMetrics\n| where name == "haingestor.events.deadlettered"\n| summarize DeadLettered = sum(valueSum)\n| where DeadLettered > 0'
    threshold: 0
  }
  {
    name: '${namePrefix}-connector-heartbeat'
    displayName: 'HA Ingestor: connector heartbeat stale'
    description: 'The connector reported an old heartbeat, or none at all, so Home Assistant events may not be arriving.'
    severity: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // No sample at all is the loudest form of stale: the summarize without grouping still yields one row.
    query: 'customMetrics\n| where name == "haingestor.connector.heartbeat.age"\n| summarize Samples = count(), WorstAgeSeconds = max(valueMax)\n| where Samples == 0 or WorstAgeSeconds > ${heartbeatStaleSeconds}'
    threshold: 0
  }
  {
    name: '${namePrefix}-no-events'
    displayName: 'HA Ingestor: no events processed'
    description: 'No event was processed in the configured window. Home Assistant, the connector or Event Hubs may be down.'
    severity: 2
    evaluationFrequency: 'PT15M'
    windowSize: noEventsWindow
    query: 'customMetrics\n| where name == "haingestor.events.processed"\n| summarize Processed = sum(valueSum)\n| where isnull(Processed) or Processed == 0'
    threshold: 0
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      evaluationFrequency: rule.evaluationFrequency
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
            threshold: rule.threshold
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
output alertRuleNames string[] = [for (rule, index) in rules: alertRules[index].name]
