// Lints Cypher statements with Neo4j's own front end (@neo4j-cypher/language-support), offline.
// stdin: {"schema": {labels, relationshipTypes, propertyKeys}, "statements": [{"name", "text"}]}
// stdout: a JSON list of {name, version, severity, message}; empty when every statement is clean.
// Functions and procedures are the Neo4j registry the package ships (testData.mockSchema) without
// APOC, so a plugin call or a removed procedure is reported as unknown.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const VERSIONS = ['CYPHER 5', 'CYPHER 25'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function withoutApoc(registry) {
  const out = {};
  for (const [version, entries] of Object.entries(registry)) {
    out[version] = Object.fromEntries(Object.entries(entries).filter(([name]) => !name.startsWith('apoc.')));
  }
  return out;
}

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));
const functions = withoutApoc(testData.mockSchema.functions);
const procedures = withoutApoc(testData.mockSchema.procedures);
const findings = [];
for (const { name, text } of input.statements) {
  const parameters = Object.fromEntries([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1], null]));
  for (const version of VERSIONS) {
    const schema = { ...input.schema, functions, procedures, parameters, defaultLanguage: version };
    for (const d of lintCypherQuery(text, schema).diagnostics) {
      findings.push({ name, version, severity: SEVERITY[d.severity] ?? String(d.severity), message: d.message });
    }
  }
}
process.stdout.write(JSON.stringify(findings));
