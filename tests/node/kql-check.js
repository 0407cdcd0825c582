// Parses and binds KQL queries offline with Microsoft's Kusto language service, against a given table schema.
// Input (stdin): {"database": "name", "tables": {"requests": "(timestamp:datetime, ...)"}, "queries": [{"name": "...", "text": "..."}]}
// Output (stdout): [{"name": "...", "diagnostics": [{"severity", "code", "message", "start", "length"}]}]
'use strict';
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');

const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const symbols = Kusto.Language.Symbols;
const tables = Object.entries(input.tables).map(([name, schema]) => new symbols.TableSymbol.$ctor7(name, schema, null));
const database = new symbols.DatabaseSymbol.$ctor1(input.database, Bridge.toList(tables), false);
const globals = Kusto.Language.GlobalState.Default.WithDatabase(database);

const results = input.queries.map(query => {
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query.text, globals);
  const found = code.GetDiagnostics();
  const diagnostics = [];
  for (let i = 0; i < found.Count; i++) {
    const d = found.getItem(i);
    diagnostics.push({ severity: String(d.Severity), code: d.Code, message: d.Message, start: d.Start, length: d.Length });
  }
  return { name: query.name, diagnostics };
});
process.stdout.write(JSON.stringify(results));
