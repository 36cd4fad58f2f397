// Offline check of Neo4j-dialect Cypher with Neo4j's own parser and semantic analysis
// (npm @neo4j-cypher/language-support, pinned in package.json; `scripts/setup-node.sh` installs it).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...],
//                     "propertyKeys": [...]?, "graphSchema": [{"from", "to", "relType"}]?},
//          "queries": [{"name": ..., "text": ...}, ...]}
//         (a bare array of queries is accepted too: then labels and types are not checked)
// stdout: [{"name": ..., "diagnostics": [{"severity": "error"|"warning", "message", "line", "column"}]}]
//         in input order; line and column are 1-based, counted in the query text as given.
// exit:   0 when every query was linted (whatever the diagnostics), 2 on bad input, 1 otherwise.
//
// One process lints the whole batch: loading the package costs ~1 s, then ~0.1 s per query.

import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

// The only language a Neo4j 5 server speaks. The package also knows 'CYPHER 25' (Neo4j 2025+).
const VERSION = 'CYPHER 5';

// LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
const severityName = (s) => (s === 2 || s === 3 || s === 4 ? 'warning' : 'error');

class InputError extends Error {}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function stringList(value, what) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InputError(`schema.${what} must be a list of strings`);
  }
  return value;
}

function buildDbSchema(schema) {
  const mock = testData.mockSchema;
  const dbSchema = {
    // Neo4j's built-in functions and procedures as captured by the package: anything else
    // (APOC, LadybugDB's list_product / label / cast ...) is reported as an error.
    functions: { [VERSION]: mock.functions[VERSION] },
    procedures: { [VERSION]: mock.procedures[VERSION] },
    defaultLanguage: VERSION,
  };
  if (schema === undefined || schema === null) return dbSchema;
  if (typeof schema !== 'object' || Array.isArray(schema)) {
    throw new InputError('schema must be an object');
  }
  const labels = stringList(schema.labels, 'labels');
  const relationshipTypes = stringList(schema.relationshipTypes, 'relationshipTypes');
  const propertyKeys = stringList(schema.propertyKeys, 'propertyKeys');
  // Unknown labels / types are warned about only when both lists are given.
  if (labels) dbSchema.labels = labels;
  if (relationshipTypes) dbSchema.relationshipTypes = relationshipTypes;
  if (propertyKeys) dbSchema.propertyKeys = propertyKeys;
  if (schema.graphSchema !== undefined) {
    const ok =
      Array.isArray(schema.graphSchema) &&
      schema.graphSchema.every(
        (e) =>
          e &&
          typeof e.from === 'string' &&
          typeof e.to === 'string' &&
          typeof e.relType === 'string',
      );
    if (!ok) throw new InputError('schema.graphSchema must be a list of {from, to, relType}');
    dbSchema.graphSchema = schema.graphSchema;
  }
  return dbSchema;
}

function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1).length + 1 };
}

// A statement prefixed `CYPHER 25` would be checked against a language (and, with the schema
// above, a function list) a Neo4j 5 server does not have: say so plainly.
const LEADING_TRIVIA = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
const VERSION_PREFIX = /^CYPHER\s+(\d+)\b/i;

function versionDiagnostics(text) {
  const out = [];
  let offset = 0;
  for (const statement of parseStatementsStrs(text)) {
    const skip = statement.match(LEADING_TRIVIA)[0].length;
    const m = statement.slice(skip).match(VERSION_PREFIX);
    if (m && `CYPHER ${m[1]}` !== VERSION) {
      out.push({
        severity: 'error',
        message: `CYPHER ${m[1]} selects a language Neo4j 5 does not have; only ${VERSION} is checked`,
        ...lineColumn(text, offset + skip),
      });
    }
    offset += statement.length;
  }
  return out;
}

function lintOne(text, dbSchema) {
  if (text.trim() === '') {
    return [{ severity: 'error', message: 'Empty query', line: 1, column: 1 }];
  }
  const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
  const out = diagnostics
    // Parameters are supplied at run time: "Parameter $x is not defined." is not a defect here.
    .filter(isNotParamError)
    .map((d) => ({
      severity: severityName(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    }));
  return versionDiagnostics(text).concat(out);
}

async function main() {
  let payload;
  try {
    payload = JSON.parse(await readStdin());
  } catch (e) {
    throw new InputError(`stdin is not JSON: ${e.message}`);
  }
  const queries = Array.isArray(payload) ? payload : payload?.queries;
  if (!Array.isArray(queries)) {
    throw new InputError('expected {"schema": {...}, "queries": [...]} or a list of queries');
  }
  for (const q of queries) {
    if (!q || typeof q.name !== 'string' || typeof q.text !== 'string') {
      throw new InputError('every query needs a string "name" and a string "text"');
    }
  }
  const dbSchema = buildDbSchema(Array.isArray(payload) ? undefined : payload.schema);

  const results = queries.map(({ name, text }) => {
    try {
      return { name, diagnostics: lintOne(text, dbSchema) };
    } catch (e) {
      // One query crashing the linter must not hide the others, nor pass silently.
      return {
        name,
        diagnostics: [
          { severity: 'error', message: `linter crashed: ${e?.stack ?? e}`, line: 1, column: 1 },
        ],
      };
    }
  });
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((e) => {
  process.stderr.write(`cypher-lint: ${e instanceof InputError ? e.message : (e?.stack ?? e)}\n`);
  process.exitCode = e instanceof InputError ? 2 : 1;
});
