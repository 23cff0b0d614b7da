// Validate the plan files with ajv, a second and strict JSON Schema validator, against
// schema/govplan.schema.json: the schema must compile in ajv's strict mode, its root example and
// every plan directly in examples/ must pass, and every file of examples/invalid/ must fail or
// pass as its layer says (examples/invalid/README.md).
//
//   npm ci --prefix tests/ajv && node tests/ajv/validate.mjs
//
// Prints one line per file and "ajv: N passed, M failed"; exits 1 on any disagreement.
// With --dump, reads a JSON list of {"text", "format": "yaml" | "json"} on standard input and
// prints what it reads from each, {"data"} or {"error": code, "message"}, as a JSON list:
// tests/test_invalid_examples.py compares that with govplan's reading.
//
// Reading YAML the way govplan does (src/govplan/_reader.py).  govplan reads plain data only,
// with PyYAML's YAML 1.1 implicit types less timestamps; the npm yaml package is told the same:
//   - one document (several: "syntax"); duplicate keys refused ("duplicate-key"), keys compared
//     as the strings they become (1 and '1' are one key), non-scalar and float keys refused;
//   - no aliases ("yaml-alias"); no tags other than !!str, !!int, !!float, !!bool, !!null,
//     !!map, !!seq and ! ("yaml-tag"), so no merge keys: a plain << is a merge tag, refused as
//     govplan refuses it, and so is a plain = (YAML 1.1's value tag);
//   - plain scalars typed by PyYAML's YAML 1.1 resolvers, copied below (yes/no/on/off are
//     booleans, 017 is octal, 1_000 is 1000, 1:20 is 80, 1e3 and 2023-02-27 stay strings);
//     quoted and block scalars are strings;
//   - no infinities or NaN ("invalid-value"); no nesting deeper than 64 ("too-deep").
// JSON is read by JSON.parse, then searched for duplicate keys with the yaml package; depth is
// counted as govplan counts it.  Known differences: integers beyond 2**53 lose precision in
// JavaScript (no plan field needs them); the two YAML parsers word and place syntax errors
// differently, and may disagree on the rarest syntax corners (tabs, odd indentation).

import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCHEMA = join(ROOT, "schema", "govplan.schema.json");
const EXAMPLES = join(ROOT, "examples");
const INVALID = join(EXAMPLES, "invalid");
const MANIFEST = join(INVALID, "manifest.json");
const PLAN_SUFFIXES = new Set([".yaml", ".yml", ".json"]);
const LAYERS = new Set(["reading", "schema", "semantic"]);
const MAX_DEPTH = 64;

// ---------------------------------------------------------------- reading, as govplan reads

/** A text that is not plain plan data; `code` is the govplan rule code. */
class ReadingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const YAML_TAG = "tag:yaml.org,2002:";

function anyOf(...alternatives) {
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}

// PyYAML's implicit resolvers (yaml/resolver.py), tried in this order; govplan drops timestamp.
const PY_BOOL = anyOf(
  "yes|Yes|YES|no|No|NO",
  "true|True|TRUE|false|False|FALSE",
  "on|On|ON|off|Off|OFF",
);
const PY_FLOAT = anyOf(
  String.raw`[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?`,
  String.raw`\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?`,
  String.raw`[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*`,
  String.raw`[-+]?\.(?:inf|Inf|INF)`,
  String.raw`\.(?:nan|NaN|NAN)`,
);
const PY_INT = anyOf(
  "[-+]?0b[0-1_]+",
  "[-+]?0[0-7_]+",
  "[-+]?(?:0|[1-9][0-9_]*)",
  "[-+]?0x[0-9a-fA-F_]+",
  "[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
);
const PY_MERGE = anyOf("<<");
const PY_NULL = anyOf("~", "null|Null|NULL", "");
const PY_VALUE = anyOf("=");

function signed(text) {
  const sign = text[0] === "-" ? -1 : 1;
  return [sign, "+-".includes(text[0]) ? text.slice(1) : text];
}

function sexagesimal(text) {
  return text.split(":").reduce((total, digits) => total * 60 + Number(digits), 0);
}

// As PyYAML's SafeConstructor.construct_yaml_int and construct_yaml_float.
function pyInt(source) {
  const [sign, text] = signed(source.replaceAll("_", ""));
  if (text === "0") return 0;
  if (text.startsWith("0b")) return sign * parseInt(text.slice(2), 2);
  if (text.startsWith("0x")) return sign * parseInt(text.slice(2), 16);
  if (text.startsWith("0")) return sign * parseInt(text, 8);
  if (text.includes(":")) return sign * sexagesimal(text);
  return sign * Number(text);
}

function pyFloat(source) {
  const [sign, text] = signed(source.replaceAll("_", "").toLowerCase());
  if (text === ".inf") return sign * Infinity;
  if (text === ".nan") return NaN;
  if (text.includes(":")) return sign * sexagesimal(text);
  return sign * Number(text);
}

const PY_BOOLEANS = { yes: true, no: false, true: true, false: false, on: true, off: false };
const MERGE = Symbol("merge");
const VALUE = Symbol("value");

// The tags plain scalars resolve to, in PyYAML's order (the yaml package takes the first match).
const IMPLICIT_TAGS = [
  ["bool", PY_BOOL, (text) => PY_BOOLEANS[text.toLowerCase()]],
  ["float", PY_FLOAT, pyFloat],
  ["int", PY_INT, pyInt],
  ["merge", PY_MERGE, () => MERGE],
  ["null", PY_NULL, () => null],
  ["value", PY_VALUE, () => VALUE],
].map(([name, test, resolve]) => ({
  tag: YAML_TAG + name,
  default: true,
  test,
  resolve,
  identify: () => false,
}));

// An explicit !!bool, !!int, !!float or !!null converts its text as PyYAML does, whatever the
// text (PyYAML then fails on text it cannot convert; the harness refuses it as yaml-tag).
const EXPLICIT_TAGS = [
  ["bool", (text) => PY_BOOLEANS[text.toLowerCase()]],
  ["int", (text) => (/^[-+]?[0-9a-fA-FxXbB_:]+$/.test(text) ? pyInt(text) : NaN)],
  ["float", (text) => (/^[-+]?(?:[0-9._:eE+-]+|\.inf|\.nan)$/i.test(text) ? pyFloat(text) : NaN)],
  ["null", () => null],
].map(([name, convert]) => ({
  tag: YAML_TAG + name,
  default: false,
  identify: () => false,
  resolve(text, onError) {
    const value = convert(text);
    if (value === undefined || Number.isNaN(value)) onError(`${text} is not a !!${name}`);
    return value;
  },
}));
const SCALAR_TAGS = new Set([
  "!",
  ...["str", "int", "float", "bool", "null"].map((t) => YAML_TAG + t),
]);

const YAML_OPTIONS = {
  version: "1.1",
  schema: "failsafe", // strings, mappings and sequences; the tags above add the rest
  customTags: (tags) => [...tags, ...EXPLICIT_TAGS, ...IMPLICIT_TAGS],
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: true,
  strict: true,
  prettyErrors: true,
};

let lines = new LineCounter(); // of the text being read, for messages

function where(node) {
  if (!node?.range) return "";
  const { line, col } = lines.linePos(node.range[0]);
  return ` at line ${line}, column ${col}`;
}

/** Plain data from a yaml node, refusing what govplan refuses. */
function plain(node, depth) {
  if (node === null || node === undefined) return null; // an empty value
  if (isAlias(node)) {
    throw new ReadingError("yaml-alias", `YAML aliases (*name) are not allowed${where(node)}`);
  }
  if (isMap(node) || isSeq(node)) {
    const expected = YAML_TAG + (isMap(node) ? "map" : "seq");
    if (node.tag && node.tag !== "!" && node.tag !== expected) {
      throw new ReadingError("yaml-tag", `YAML tag ${node.tag} is not allowed${where(node)}`);
    }
    if (depth >= MAX_DEPTH) {
      throw new ReadingError("too-deep", `nesting deeper than ${MAX_DEPTH} levels${where(node)}`);
    }
    if (isSeq(node)) return node.items.map((item) => plain(item, depth + 1));
    const result = {};
    for (const pair of node.items) {
      if (pair.key !== null && !isScalar(pair.key)) {
        throw new ReadingError("syntax", `mapping keys must be plain text${where(pair.key)}`);
      }
      const key = keyText(plain(pair.key, depth + 1), pair.key);
      if (Object.hasOwn(result, key)) {
        const message = `duplicate key ${JSON.stringify(key)}${where(pair.key)}`;
        throw new ReadingError("duplicate-key", message);
      }
      // defineProperty: a key "__proto__" is data, not the object's prototype
      Object.defineProperty(result, key, {
        value: plain(pair.value, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  if (!isScalar(node)) throw new ReadingError("syntax", `unexpected YAML node${where(node)}`);
  if (node.tag && !SCALAR_TAGS.has(node.tag)) {
    throw new ReadingError("yaml-tag", `YAML tag ${node.tag} is not allowed${where(node)}`);
  }
  const value = node.value;
  if (value === MERGE || value === VALUE) {
    const tag = value === MERGE ? "merge (<<)" : "value (=)";
    throw new ReadingError("yaml-tag", `the YAML ${tag} tag is not allowed${where(node)}`);
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new ReadingError("invalid-value", `${node.source} is not a finite number${where(node)}`);
  }
  return value;
}

/** The key as govplan makes it: Python's str() of the scalar. */
function keyText(value, node) {
  if (typeof value === "string") return value;
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (Number.isInteger(value)) return String(value);
  throw new ReadingError("syntax", `mapping keys must be plain text${where(node)}`);
}

function readYaml(text) {
  lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const code =
      problem.code === "DUPLICATE_KEY"
        ? "duplicate-key"
        : problem.code === "TAG_RESOLVE_FAILED"
          ? "yaml-tag"
          : "syntax";
    throw new ReadingError(code, problem.message.split("\n")[0].replace(/:$/, ""));
  }
  return plain(doc.contents, 0);
}

/** As govplan checks JSON: no value below MAX_DEPTH levels of mappings and lists. */
function tooDeep(value) {
  const stack = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop();
    if (depth > MAX_DEPTH) return true;
    if (item !== null && typeof item === "object") {
      stack.push(...Object.values(item).map((v) => [v, depth + 1]));
    }
  }
  return false;
}

function readJson(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReadingError("syntax", `invalid JSON: ${error.message}`);
  }
  // JSON.parse keeps the last of two equal keys, silently; govplan refuses them.
  const doc = parseDocument(text, { version: "1.2", schema: "json", uniqueKeys: true });
  const duplicate = doc.errors.find((e) => e.code === "DUPLICATE_KEY");
  if (duplicate) {
    throw new ReadingError("duplicate-key", duplicate.message.split("\n")[0].replace(/:$/, ""));
  }
  if (tooDeep(data)) {
    throw new ReadingError("too-deep", `nesting deeper than ${MAX_DEPTH} levels`);
  }
  return data;
}

/** Read plan text as govplan does; throws ReadingError. */
function readPlan(text, format) {
  return format === ".json" ? readJson(text) : readYaml(text);
}

/** Read a plan file as govplan does: UTF-8 (a byte-order mark is dropped), by its suffix. */
function readPlanFile(path) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path)); // drops a BOM
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ReadingError("encoding", "the file is not UTF-8 text");
  }
  return readPlan(text, extname(path).toLowerCase());
}

// ---------------------------------------------------------------- validating

function compileSchema() {
  const schema = JSON.parse(readFileSync(SCHEMA, "utf8"));
  // strict: no unknown keywords or formats, no ignored keywords, types stated where keywords
  // need them (strictTypes), no union types, required properties defined; allErrors: report all.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return { schema, validate: ajv.compile(schema) };
}

function escapeToken(token) {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Where each ajv error is, as govplan places the same problem (JSON pointers). */
function errorPointers(errors) {
  return errors.map((e) =>
    e.keyword === "additionalProperties"
      ? `${e.instancePath}/${escapeToken(e.params.additionalProperty)}`
      : e.instancePath,
  );
}

function describe(errors) {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  const extra =
    first.keyword === "additionalProperties" ? ` '${first.params.additionalProperty}'` : "";
  return `${first.instancePath || "/"}: ${first.message}${extra}${more}`;
}

/** One line of the report per file: [ok, text]. */
function checkValid(validate, name, read) {
  let data;
  try {
    data = read();
  } catch (error) {
    if (!(error instanceof ReadingError)) throw error;
    return [false, `FAIL ${name}: cannot be read [${error.code}] ${error.message}`];
  }
  if (validate(data)) return [true, `ok   ${name}: valid`];
  return [false, `FAIL ${name}: ${describe(validate.errors)}`];
}

function checkInvalid(validate, name, path, entry) {
  const label = `${name} (${entry.layer}, ${entry.breaks})`;
  let data;
  try {
    data = readPlanFile(path);
  } catch (error) {
    if (!(error instanceof ReadingError)) throw error;
    if (entry.layer === "reading" && error.code === entry.breaks) {
      return [true, `ok   ${label}: not read [${error.code}] ${error.message}`];
    }
    if (entry.layer === "reading") {
      return [false, `FAIL ${label}: not read, but for [${error.code}] ${error.message}`];
    }
    return [false, `FAIL ${label}: should be read, but [${error.code}] ${error.message}`];
  }
  if (entry.layer === "reading") {
    return [false, `FAIL ${label}: was read as plain data, but should not be`];
  }
  const valid = validate(data);
  if (entry.layer === "semantic") {
    if (valid) return [true, `ok   ${label}: schema accepts it, as it should`];
    return [false, `FAIL ${label}: the schema should accept it: ${describe(validate.errors)}`];
  }
  if (valid) return [false, `FAIL ${label}: the schema should reject it`];
  const pointers = errorPointers(validate.errors);
  if (entry.pointer !== undefined && !pointers.includes(entry.pointer)) {
    return [false, `FAIL ${label}: no error at ${entry.pointer}: ${describe(validate.errors)}`];
  }
  return [true, `ok   ${label}: rejected: ${describe(validate.errors)}`];
}

function planFiles(folder) {
  return readdirSync(folder)
    .filter((n) => PLAN_SUFFIXES.has(extname(n).toLowerCase()) && join(folder, n) !== MANIFEST)
    .filter((n) => statSync(join(folder, n)).isFile())
    .sort();
}

function main() {
  const results = [];
  let validate;
  let schema;
  try {
    ({ schema, validate } = compileSchema());
    results.push([true, `ok   ${relative(ROOT, SCHEMA)}: compiles in strict mode`]);
  } catch (error) {
    results.push([false, `FAIL ${relative(ROOT, SCHEMA)}: ${error.message}`]);
  }
  if (validate) {
    (schema.examples ?? []).forEach((example, i) => {
      results.push(checkValid(validate, `schema examples[${i}]`, () => example));
    });
    for (const name of planFiles(EXAMPLES)) {
      const path = join(EXAMPLES, name);
      results.push(checkValid(validate, relative(ROOT, path), () => readPlanFile(path)));
    }
    const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")).files;
    const names = planFiles(INVALID);
    for (const name of names) {
      const entry = manifest[name];
      const shown = relative(ROOT, join(INVALID, name));
      if (!entry || !LAYERS.has(entry.layer)) {
        results.push([false, `FAIL ${shown}: no entry with a layer in manifest.json`]);
        continue;
      }
      results.push(checkInvalid(validate, shown, join(INVALID, name), entry));
    }
    for (const name of Object.keys(manifest).filter((n) => !names.includes(n))) {
      results.push([false, `FAIL manifest.json names ${name}, which is not in examples/invalid/`]);
    }
  }
  for (const [, line] of results) console.log(line);
  const failed = results.filter(([ok]) => !ok).length;
  console.log(`ajv: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

/** Read each of a JSON list of {text, format} from standard input; print what was read. */
function dump() {
  const inputs = JSON.parse(readFileSync(0, "utf8"));
  const readings = inputs.map(({ text, format }) => {
    try {
      return { data: readPlan(text, format === "json" ? ".json" : ".yaml") };
    } catch (error) {
      if (!(error instanceof ReadingError)) throw error;
      return { error: error.code, message: error.message };
    }
  });
  process.stdout.write(`${JSON.stringify(readings)}\n`);
  return 0;
}

process.exitCode = process.argv.includes("--dump") ? dump() : main();
